import type { ApiEndpoint } from './api-endpoint.js';
import { RelinkError, errorCodeFromGraphQL } from './relink-error.js';

interface GraphQLErrorJson {
  message?: unknown;
  extensions?: { code?: unknown };
}

function firstError(body: unknown): GraphQLErrorJson | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const error: unknown = errors[0];
  return typeof error === 'object' && error !== null ? (error as GraphQLErrorJson) : {};
}

function httpStatusError(status: number): RelinkError {
  if (status === 401) return new RelinkError('SESSION_EXPIRED', 'The Relink session has expired: mint a new widget session token.');
  if (status === 403) return new RelinkError('FORBIDDEN', 'Relink refused this widget session for this page.');
  return new RelinkError(status >= 500 ? 'SERVER' : 'BAD_RESPONSE', `The Relink API answered HTTP ${status}.`);
}

/**
 * POSTs one GraphQL operation to `endpoint.httpUrl` with the bearer token and returns its `data`.
 * Failures are RelinkErrors: the first GraphQL error's `extensions.code` mapped (UNAUTHENTICATED →
 * SESSION_EXPIRED, …) with the API's message, `NETWORK` when the API cannot be reached.
 */
export async function graphqlFetch(
  endpoint: ApiEndpoint,
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(endpoint.httpUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${endpoint.token}`,
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RelinkError('NETWORK', `Could not reach Relink at ${endpoint.httpUrl}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw httpStatusError(response.status);
  }
  const error = firstError(body);
  if (error) {
    const message = typeof error.message === 'string' ? error.message : 'The Relink API returned an error.';
    throw new RelinkError(errorCodeFromGraphQL(error.extensions?.code), message);
  }
  if (!response.ok) throw httpStatusError(response.status);
  const data = (body as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) {
    throw new RelinkError('BAD_RESPONSE', 'The Relink API answered without data.');
  }
  return data as Record<string, unknown>;
}
