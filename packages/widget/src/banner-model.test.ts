import { describe, expect, it } from 'vitest';
import { buildBanners } from './banner-model.js';
import type { WidgetIntegration } from './integration.js';

const jane = { provider: 'FACEBOOK' as const, externalUserId: 'fb_jane', name: 'Jane' };
const cause = (code: string, securityRelated = false) => ({ code, title: code, explanation: 'e', action: 'a', securityRelated });

function integration(id: string, patch: Partial<WidgetIntegration> = {}): WidgetIntegration {
  return {
    id,
    provider: 'FACEBOOK',
    name: `Account ${id}`,
    status: 'REVOKED',
    needsReauthorization: true,
    statusChangedAt: '2030-01-01T10:00:00.000Z',
    tokenExpiresAt: null,
    untrackedSince: '2030-01-01T10:00:00.000Z',
    authorizedBy: jane,
    cause: cause('PASSWORD_CHANGED'),
    ...patch,
  };
}

describe('buildBanners', () => {
  it('shows nothing for healthy or disconnected integrations', () => {
    const healthy = integration('1', { status: 'HEALTHY', needsReauthorization: false, cause: null });
    const disconnected = integration('2', { status: 'DISCONNECTED', needsReauthorization: false });
    expect(buildBanners([healthy, disconnected])).toEqual([]);
  });

  it('merges integrations sharing identity and cause; keeps other causes and identities apart', () => {
    const banners = buildBanners([
      integration('1'),
      integration('2', { name: 'Aardvark' }),
      integration('3', { cause: cause('TOKEN_EXPIRED'), status: 'EXPIRED' }),
      integration('4', { authorizedBy: { ...jane, externalUserId: 'fb_other' } }),
      integration('5', { authorizedBy: null }),
    ]);
    expect(banners.map((b) => [b.key, b.members.map((i) => i.id)])).toEqual([
      ['reauth:FACEBOOK:fb_jane|PASSWORD_CHANGED', ['2', '1']],
      ['reauth:FACEBOOK:fb_jane|TOKEN_EXPIRED', ['3']],
      ['reauth:FACEBOOK:fb_other|PASSWORD_CHANGED', ['4']],
      ['reauth:id:5', ['5']],
    ]);
  });

  it('puts security-related causes first, then the longest untracked', () => {
    const banners = buildBanners([
      integration('old', { authorizedBy: null, untrackedSince: '2029-01-01T00:00:00.000Z', cause: cause('TOKEN_EXPIRED') }),
      integration('new', { authorizedBy: null, untrackedSince: '2030-06-01T00:00:00.000Z', cause: cause('TOKEN_EXPIRED') }),
      integration('sec', { authorizedBy: null, untrackedSince: '2030-07-01T00:00:00.000Z', cause: cause('SECURITY_CHECKPOINT', true) }),
    ]);
    expect(banners.map((b) => b.members[0]?.id)).toEqual(['sec', 'old', 'new']);
  });

  it('uses the earliest untracked start of a group', () => {
    const [banner] = buildBanners([integration('1', { untrackedSince: '2030-01-02T00:00:00.000Z' }), integration('2', { untrackedSince: '2030-01-01T00:00:00.000Z' })]);
    expect(banner?.since).toBe('2030-01-01T00:00:00.000Z');
  });

  it('groups expiring-soon by identity with the earliest expiry, and unreachable by provider, after reauth', () => {
    const soon = { status: 'EXPIRING_SOON' as const, needsReauthorization: false, cause: null, untrackedSince: null };
    const unreachable = { status: 'UNREACHABLE' as const, needsReauthorization: false, cause: null, untrackedSince: null };
    const banners = buildBanners([
      integration('e1', { ...soon, tokenExpiresAt: '2030-02-02T00:00:00.000Z' }),
      integration('u1', unreachable),
      integration('e2', { ...soon, tokenExpiresAt: '2030-02-01T00:00:00.000Z' }),
      integration('u2', { ...unreachable, provider: 'GOOGLE', authorizedBy: null }),
      integration('r1'),
    ]);
    expect(banners.map((b) => b.kind)).toEqual(['reauth', 'expiring', 'checking', 'checking']);
    const expiring = banners[1];
    expect(expiring?.since).toBe('2030-02-01T00:00:00.000Z');
    expect(banners.slice(2).map((b) => b.key)).toEqual(['checking:FACEBOOK', 'checking:GOOGLE']);
  });

  it('changes the fingerprint when the invalidation changes, not the key', () => {
    const [before] = buildBanners([integration('1')]);
    const [after] = buildBanners([integration('1', { statusChangedAt: '2030-03-01T00:00:00.000Z' })]);
    expect(after?.key).toBe(before?.key);
    expect(after?.fingerprint).not.toBe(before?.fingerprint);
  });
});
