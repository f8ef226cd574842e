/** The `Integration` fields the widget reads; the query, subscription and types agree on these. */
export const INTEGRATION_FIELDS =
  'id provider externalAccountId name status needsReauthorization statusChangedAt tokenExpiresAt untrackedSince ' +
  'authorizedBy { provider externalUserId name } cause { code title explanation action securityRelated }';

/** Statuses that may need the user; HEALTHY and DISCONNECTED never show a banner. */
export const WATCHED_STATUSES = ['EXPIRED', 'REVOKED', 'EXPIRING_SOON', 'UNREACHABLE'] as const;

export const INTEGRATIONS_QUERY =
  `query RelinkBannerIntegrations { integrations(first: 100, filter: { status: [${WATCHED_STATUSES.join(', ')}] }) ` +
  `{ edges { node { ${INTEGRATION_FIELDS} } } } }`;

export const STATUS_SUBSCRIPTION = `subscription RelinkBannerStatus { integrationStatusChanged { ${INTEGRATION_FIELDS} } }`;

export const START_REAUTHORIZATION_MUTATION =
  'mutation RelinkBannerReauthorize($id: ID!, $returnTo: String) ' +
  '{ startReauthorization(integrationId: $id, returnTo: $returnTo) { url expiresAt } }';
