/** What happened when the sandbox pushed a notice (deauthorize, data deletion, RISC) to a receiver. */
export interface NoticeResult {
  kind: 'deauthorize' | 'data-deletion' | 'risc';
  url: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** The receiver's answer body (parsed JSON when it was JSON). */
  response?: unknown;
  /** Why it was not delivered. */
  error?: string;
  /** What was sent: the `signed_request` or the security event token. */
  payload: string;
  /** The decoded payload, for tests and the demo page. */
  decoded: Record<string, unknown>;
}

export async function pushNotice(
  fetchImpl: typeof fetch,
  timeoutMs: number,
  notice: Omit<NoticeResult, 'status' | 'response' | 'error'>,
  body: string,
  contentType: string,
): Promise<NoticeResult> {
  try {
    const answer = await fetchImpl(notice.url, {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await answer.text();
    let response: unknown = text;
    try {
      response = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { ...notice, status: answer.status, response };
  } catch (error) {
    return { ...notice, error: error instanceof Error ? error.message : String(error) };
  }
}
