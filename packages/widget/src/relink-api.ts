import type { ApiEndpoint } from './api-endpoint.js';
import { graphqlFetch } from './graphql-fetch.js';
import { parseIntegrationConnection, type WidgetIntegration } from './integration.js';
import { INTEGRATIONS_QUERY, START_REAUTHORIZATION_MUTATION } from './queries.js';
import { RelinkError } from './relink-error.js';

/** The integrations that may need the user (EXPIRED, REVOKED, EXPIRING_SOON, UNREACHABLE). */
export async function fetchWatchedIntegrations(endpoint: ApiEndpoint): Promise<WidgetIntegration[]> {
  return parseIntegrationConnection((await graphqlFetch(endpoint, INTEGRATIONS_QUERY)).integrations);
}

/**
 * `startReauthorization(integrationId, returnTo)` → the provider's consent URL (http(s) only).
 * `returnTo` is null for the popup flow (the API then ends on its "done" page that posts to the
 * opener) and the current page for a full redirect.
 */
export async function startReauthorization(endpoint: ApiEndpoint, integrationId: string, returnTo: string | null): Promise<string> {
  const data = await graphqlFetch(endpoint, START_REAUTHORIZATION_MUTATION, { id: integrationId, returnTo });
  const url = (data.startReauthorization as { url?: unknown } | null)?.url;
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) return url;
  throw new RelinkError('BAD_RESPONSE', `Relink answered startReauthorization without an http(s) consent URL: ${JSON.stringify(url)}.`);
}
