/** The `Integration` fields the widget reads; the query, subscription and types agree on these. */
export const INTEGRATION_FIELDS =
  'id provider name status needsReauthorization statusChangedAt tokenExpiresAt untrackedSince ' +
  'authorizedBy{provider externalUserId name}cause{code title explanation action securityRelated}';

/** Integrations that may need the user (at most 100, the API's page limit); HEALTHY and DISCONNECTED never show a banner. */
export const INTEGRATIONS_QUERY =
  'query RelinkBannerIntegrations{integrations(first:100,filter:{status:[EXPIRED,REVOKED,EXPIRING_SOON,UNREACHABLE]})' +
  `{edges{node{${INTEGRATION_FIELDS}}}}}`;

export const STATUS_SUBSCRIPTION = `subscription RelinkBannerStatus{integrationStatusChanged{${INTEGRATION_FIELDS}}}`;

export const START_REAUTHORIZATION_MUTATION =
  'mutation RelinkBannerReauthorize($id:ID!,$returnTo:String){startReauthorization(integrationId:$id,returnTo:$returnTo){url}}';
