/**
 * Build-time only: internal property names the bundle may shorten (Rolldown's `mangleProps`).
 * Only names that never cross the bundle's edge belong here: catalogue keys, the banner model,
 * the endpoint and the live-updates options. Never a GraphQL field, an event detail, the done
 * page's message, a Lit or DOM name (`mangled-properties.test.ts` checks the first three).
 */
export const MANGLED_PROPERTIES: readonly string[] = [
  // catalogue.ts
  'refresh',
  'refreshing',
  'dismissLabel',
  'securityBadge',
  'adAccounts',
  'connectedBy',
  'oneConsentFixesAll',
  'reconnectTitle',
  'reconnectAction',
  'notTrackingSince',
  'notTrackingJustNow',
  'units',
  'expiringTitle',
  'expiresOn',
  'expiringAction',
  'checkingTitle',
  'checkingBody',
  'successTitle',
  'successBody',
  'popupFailed',
  'stillDisconnected',
  'startFailed',
  // banner-model.ts, the component's Success and Refresh records
  'kind',
  'ids',
  'members',
  'fingerprint',
  'since',
  'identity',
  'popup',
  'names',
  // api-endpoint.ts, live-updates.ts
  'httpUrl',
  'wsUrl',
  'token',
  'endpoint',
  'pollIntervalMs',
  'onIntegration',
  'onResync',
  'onRefused',
];

/** The `include` pattern for Rolldown's `mangleProps`. */
export const mangledPropertiesPattern = (): RegExp => new RegExp(`^(${MANGLED_PROPERTIES.join('|')})$`);
