import { describe, expect, it } from 'vitest';
import { INTEGRATION_STATUSES, isIntegrationStatus, needsReauthorization } from './integration-status.js';
import { INVALIDATION_CAUSES, isInvalidationCause, statusForCause, type InvalidationCause } from './invalidation-cause.js';
import { isProvider, PROVIDERS } from './provider.js';
import { UnreachableCaseError } from './unreachable-case-error.js';

describe('enumerations', () => {
  it('lists the contract values', () => {
    expect(PROVIDERS).toEqual(['FACEBOOK', 'GOOGLE']);
    expect(INTEGRATION_STATUSES).toEqual(['HEALTHY', 'EXPIRING_SOON', 'EXPIRED', 'REVOKED', 'UNREACHABLE', 'DISCONNECTED']);
    expect(INVALIDATION_CAUSES).toHaveLength(14);
    expect(Object.isFrozen(PROVIDERS) && Object.isFrozen(INTEGRATION_STATUSES) && Object.isFrozen(INVALIDATION_CAUSES)).toBe(true);
  });

  it('guards', () => {
    expect(isProvider('GOOGLE')).toBe(true);
    expect(isProvider('google')).toBe(false);
    expect(isProvider(1)).toBe(false);
    expect(isIntegrationStatus('REVOKED')).toBe(true);
    expect(isIntegrationStatus('toString')).toBe(false);
    expect(isInvalidationCause('UNKNOWN')).toBe(true);
    expect(isInvalidationCause(null)).toBe(false);
  });

  it('maps lifetime causes to EXPIRED and the rest to REVOKED', () => {
    const expired = INVALIDATION_CAUSES.filter((c) => statusForCause(c) === 'EXPIRED');
    expect(expired.sort()).toEqual(['DATA_ACCESS_EXPIRED', 'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_EXPIRED']);
    expect(statusForCause('APP_DEAUTHORIZED')).toBe('REVOKED');
    expect(() => statusForCause('BOGUS' as InvalidationCause)).toThrow(UnreachableCaseError);
  });

  it('needsReauthorization only for EXPIRED and REVOKED', () => {
    expect(INTEGRATION_STATUSES.filter(needsReauthorization)).toEqual(['EXPIRED', 'REVOKED']);
  });
});
