import { describe, expect, it } from 'vitest';
import { INVALIDATION_CAUSES } from '../invalidation-cause.js';
import { PROVIDERS, type Provider } from '../provider.js';
import { causesForProvider, providerDescriptor } from './provider-descriptors.js';

describe('provider descriptors', () => {
  it('Facebook: no silent refresh, ads scopes, 7-day warning, batches of 50', () => {
    const fb = providerDescriptor('FACEBOOK');
    expect(fb).toMatchObject({ id: 'FACEBOOK', canRefreshSilently: false, maxBatchSize: 50, expiringSoonWindowSeconds: 7 * 86400 });
    expect(fb.requiredScopes).toEqual(['ads_read', 'ads_management']);
    expect(fb.longLivedTokenLifetimeSeconds).toBe(60 * 86400);
    expect(fb.dataAccessLifetimeSeconds).toBe(90 * 86400);
  });

  it('Google: silent refresh, adwords scope plus identity scopes for RISC', () => {
    const g = providerDescriptor('GOOGLE');
    expect(g).toMatchObject({ id: 'GOOGLE', canRefreshSilently: true, accessTokenLifetimeSeconds: 3600 });
    expect(g.requiredScopes).toEqual(['https://www.googleapis.com/auth/adwords']);
    expect(g.consentScopes).toEqual(expect.arrayContaining(['email', 'profile', ...g.requiredScopes]));
    expect(g.maxRefreshTokensPerAccount).toBe(100);
  });

  it('each provider lists real causes, never UNKNOWN, and returns a fresh copy', () => {
    for (const p of PROVIDERS) {
      const causes = causesForProvider(p);
      expect(causes.length).toBeGreaterThan(5);
      for (const c of causes) expect(INVALIDATION_CAUSES).toContain(c);
      expect(causes).not.toContain('UNKNOWN');
      causes.pop();
      expect(causesForProvider(p).length).toBe(causes.length + 1);
    }
    expect(causesForProvider('FACEBOOK')).toContain('DATA_ACCESS_EXPIRED');
    expect(causesForProvider('GOOGLE')).toContain('TESTING_APP_EXPIRY');
    expect(causesForProvider('GOOGLE')).not.toContain('DATA_ACCESS_EXPIRED');
  });

  it('throws a clear error for a non-provider', () => {
    expect(() => providerDescriptor('TIKTOK' as Provider)).toThrow(/"TIKTOK" is not a Provider/);
  });
});
