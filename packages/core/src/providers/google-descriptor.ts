import type { ProviderDescriptor } from './provider-descriptor.js';

const DAY = 24 * 60 * 60;

export const GOOGLE_ADS_SCOPE = 'https://www.googleapis.com/auth/adwords';

export const googleDescriptor = Object.freeze({
  id: 'GOOGLE',
  displayName: 'Google',
  canRefreshSilently: true,
  requiredScopes: Object.freeze([GOOGLE_ADS_SCOPE]),
  // openid/email/profile: Cross-Account Protection (RISC) events only reach apps granted email or profile.
  consentScopes: Object.freeze(['openid', 'email', 'profile', GOOGLE_ADS_SCOPE]),
  accessTokenLifetimeSeconds: 60 * 60,
  // Applies to time-based access (`refresh_token_expires_in`); access tokens themselves renew silently.
  expiringSoonWindowSeconds: 7 * DAY,
  // Each Google credential is checked with its own refresh call.
  maxBatchSize: 1,
  causes: Object.freeze([
    'TOKEN_EXPIRED',
    'PERMISSIONS_CHANGED',
    'APP_DEAUTHORIZED',
    'SESSION_INVALIDATED',
    'ACCOUNT_DISABLED',
    'ADMIN_POLICY',
    'ACCESS_REVOKED',
    'REFRESH_TOKEN_UNUSED',
    'TESTING_APP_EXPIRY',
    'TOKEN_LIMIT_EXCEEDED',
  ] as const),
  testingRefreshTokenLifetimeSeconds: 7 * DAY,
  unusedRefreshTokenLifetimeSeconds: 182 * DAY,
  maxRefreshTokensPerAccount: 100,
}) satisfies ProviderDescriptor;
