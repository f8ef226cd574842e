import type { CheckResult } from './check-result.js';
import type { Provider } from './provider.js';
import { providerDescriptor } from './providers/provider-descriptors.js';

/**
 * The expiry dates a valid check contributes to the status machine (spread them into CHECK_VALID
 * or TOKEN_ISSUED). Only lifetimes that need a person count: Facebook's token and data-access
 * expiry; for Google (silent refresh) the end of time-based access, never the access token's hour.
 * Absent fields mean "unknown: keep what is stored".
 */
export function statusExpiriesFromCheck(
  provider: Provider,
  result: Extract<CheckResult, { outcome: 'valid' }>,
): { expiresAt?: Date; dataAccessExpiresAt?: Date } {
  const expiresAt = providerDescriptor(provider).canRefreshSilently ? result.refreshTokenExpiresAt : result.expiresAt;
  return {
    ...(expiresAt ? { expiresAt } : {}),
    ...(result.dataAccessExpiresAt ? { dataAccessExpiresAt: result.dataAccessExpiresAt } : {}),
  };
}
