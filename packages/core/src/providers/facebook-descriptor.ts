import type { ProviderDescriptor } from './provider-descriptor.js';

const DAY = 24 * 60 * 60;

export const facebookDescriptor: ProviderDescriptor = Object.freeze({
  id: 'FACEBOOK',
  displayName: 'Facebook',
  canRefreshSilently: false,
  requiredScopes: Object.freeze(['ads_read', 'ads_management']),
  consentScopes: Object.freeze(['public_profile', 'ads_read', 'ads_management']),
  accessTokenLifetimeSeconds: 60 * 60,
  longLivedTokenLifetimeSeconds: 60 * DAY,
  dataAccessLifetimeSeconds: 90 * DAY,
  expiringSoonWindowSeconds: 7 * DAY,
  maxBatchSize: 50,
  causes: Object.freeze([
    'TOKEN_EXPIRED',
    'DATA_ACCESS_EXPIRED',
    'PASSWORD_CHANGED',
    'PERMISSIONS_CHANGED',
    'APP_DEAUTHORIZED',
    'SECURITY_CHECKPOINT',
    'SESSION_INVALIDATED',
  ] as const),
});

