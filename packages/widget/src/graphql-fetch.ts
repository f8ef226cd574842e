import type { ApiEndpoint } from './api-endpoint.js';
import { RelinkError, errorCodeFromGraphQL } from './relink-error.js';

type Json = Record<string, unknown> | null | undefined;

/**
 * POSTs one GraphQL operation to `endpoint.httpUrl` with the bearer token and returns its `data`.
 * Failures are RelinkErrors: the first GraphQL error's `extensions.code` mapped (UNAUTHENTICATED →
 * SESSION_EXPIRED, …) with the API's message; `NETWORK` when the API cannot be reached; HTTP 401/403
 * without a GraphQL body → SESSION_EXPIRED/FORBIDDEN.
 */
export async function graphqlFetch(endpoint: ApiEndpoint, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(endpoint.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new RelinkError('NETWORK', `Could not reach Relink at ${endpoint.httpUrl}: ${(error as Error).message}.`);
  }
  const { status } = response;
  const body = (await response.json().catch(() => null)) as Json;
  const error = (body?.errors as Json[] | undefined)?.[0];
  const data = body?.data as Json;
  if (error || !response.ok || !data) {
    throw new RelinkError(
      error ? errorCodeFromGraphQL((error.extensions as Json)?.code) : status === 401 ? 'SESSION_EXPIRED' : status === 403 ? 'FORBIDDEN' : status < 500 ? 'BAD_RESPONSE' : 'SERVER',
      typeof error?.message === 'string' ? error.message : `The Relink API answered HTTP ${status} without data.`,
    );
  }
  return data;
}
