import type { ApiEndpoint } from './api-endpoint.js';
import { graphqlFetch } from './graphql-fetch.js';
import { parseIntegrationConnection, type WidgetIntegration } from './integration.js';
import { INTEGRATIONS_QUERY, START_REAUTHORIZATION_MUTATION } from './queries.js';
import { RelinkError } from './relink-error.js';

/** The integrations that may need the user (EXPIRED, REVOKED, EXPIRING_SOON, UNREACHABLE). */
export async function fetchWatchedIntegrations(endpoint: ApiEndpoint, signal?: AbortSignal): Promise<WidgetIntegration[]> {
  const data = await graphqlFetch(endpoint, INTEGRATIONS_QUERY, {}, signal);
  return parseIntegrationConnection(data.integrations);
}

/** The API's `AuthorizationStart`: where to send the user for consent. */
export interface AuthorizationStart {
  url: string;
  expiresAt: string;
}

/**
 * `startReauthorization(integrationId, returnTo)`. `returnTo` is null for the popup flow (the API
 * then ends on its "done" page that posts to the opener) and the current page for a full redirect.
 */
export async function startReauthorization(
  endpoint: ApiEndpoint,
  integrationId: string,
  returnTo: string | null,
): Promise<AuthorizationStart> {
  const data = await graphqlFetch(endpoint, START_REAUTHORIZATION_MUTATION, { id: integrationId, returnTo });
  const start = data.startReauthorization as Partial<AuthorizationStart> | null | undefined;
  if (!start || typeof start.url !== 'string' || typeof start.expiresAt !== 'string') {
    throw new RelinkError('BAD_RESPONSE', 'The Relink API did not return a consent URL for startReauthorization.');
  }
  let url: URL;
  try {
    url = new URL(start.url);
  } catch {
    throw new RelinkError('BAD_RESPONSE', `The consent URL from Relink is not a URL: ${start.url}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RelinkError('BAD_RESPONSE', `The consent URL from Relink must be http(s): ${start.url}`);
  }
  return { url: url.href, expiresAt: start.expiresAt };
}
