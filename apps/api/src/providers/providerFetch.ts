/** A provider's HTTP answer as core's classifiers take it. `status` null: no answer (network error, timeout). */
export interface ProviderAnswer {
  status: number | null;
  /** Parsed JSON, the raw text when it was not JSON, undefined when empty. */
  body: unknown;
  headers: Record<string, string>;
  /** Why no answer arrived (timeout, connection refused), for logs. */
  error?: string;
}

export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  timeoutMs?: number;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One call to a provider. Never throws: a provider error is an answer like any other, and a call
 * that got no answer within the timeout is `{ status: null }` (core classifies it as transient).
 */
export async function providerFetch(url: string, request: ProviderRequest = {}): Promise<ProviderAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  try {
    const response = await fetch(url, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? PROVIDER_TIMEOUT_MS),
    });
    const text = await response.text();
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      answerHeaders[name] = value;
    });
    return { status: response.status, body: parseBody(text), headers: answerHeaders };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    const reason = name === 'TimeoutError' ? 'timed out' : error instanceof Error ? error.message : String(error);
    return { status: null, body: undefined, headers: {}, error: reason };
  }
}

export function isOk(answer: ProviderAnswer): boolean {
  return answer.status !== null && answer.status >= 200 && answer.status < 300;
}

/** The JSON object of an answer, or undefined when it is not one. */
export function jsonObject(answer: ProviderAnswer): Record<string, unknown> | undefined {
  const body = answer.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}
