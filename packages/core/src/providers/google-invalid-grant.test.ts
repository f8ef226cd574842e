import { describe, expect, it } from 'vitest';
import { refineGoogleInvalidGrant, type GoogleInvalidGrantContext } from './google-invalid-grant.js';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const refine = (extra: Partial<GoogleInvalidGrantContext> = {}) => refineGoogleInvalidGrant({ now: NOW, error: 'invalid_grant', ...extra });

describe('refineGoogleInvalidGrant', () => {
  it('plain invalid_grant with nothing known → ACCESS_REVOKED', () => {
    expect(refine()).toBe('ACCESS_REVOKED');
    expect(refine({ errorDescription: 'Token has been expired or revoked.' })).toBe('ACCESS_REVOKED');
  });

  it('testing-mode client and a token about 7 days old → TESTING_APP_EXPIRY', () => {
    expect(refine({ clientInTestingMode: true, tokenIssuedAt: ago(7 * DAY) })).toBe('TESTING_APP_EXPIRY');
    expect(refine({ clientInTestingMode: true, tokenIssuedAt: ago(7 * DAY - 30 * 60_000) })).toBe('TESTING_APP_EXPIRY');
    expect(refine({ clientInTestingMode: true, tokenIssuedAt: ago(20 * DAY) })).toBe('TESTING_APP_EXPIRY');
    expect(refine({ clientInTestingMode: true, tokenIssuedAt: ago(3 * DAY) })).toBe('ACCESS_REVOKED');
    expect(refine({ clientInTestingMode: false, tokenIssuedAt: ago(7 * DAY) })).toBe('ACCESS_REVOKED');
    expect(refine({ clientInTestingMode: true })).toBe('ACCESS_REVOKED');
  });

  it('last successful use more than 6 months ago → REFRESH_TOKEN_UNUSED', () => {
    expect(refine({ lastSuccessfulUseAt: ago(200 * DAY) })).toBe('REFRESH_TOKEN_UNUSED');
    expect(refine({ lastSuccessfulUseAt: ago(100 * DAY) })).toBe('ACCESS_REVOKED');
    // Never used since issue: the issue date counts as the last use.
    expect(refine({ tokenIssuedAt: ago(400 * DAY), lastSuccessfulUseAt: null })).toBe('REFRESH_TOKEN_UNUSED');
    expect(refine({ tokenIssuedAt: ago(400 * DAY), lastSuccessfulUseAt: ago(DAY) })).toBe('ACCESS_REVOKED');
  });

  it('100 or more newer grants for the account → TOKEN_LIMIT_EXCEEDED', () => {
    expect(refine({ newerGrantsForAccount: 101 })).toBe('TOKEN_LIMIT_EXCEEDED');
    expect(refine({ newerGrantsForAccount: 100 })).toBe('TOKEN_LIMIT_EXCEEDED');
    expect(refine({ newerGrantsForAccount: 99 })).toBe('ACCESS_REVOKED');
  });

  it('time-based access that ran out → TOKEN_EXPIRED', () => {
    expect(refine({ refreshTokenExpiresAt: ago(1000) })).toBe('TOKEN_EXPIRED');
    expect(refine({ refreshTokenExpiresAt: new Date(NOW.getTime() + DAY) })).toBe('ACCESS_REVOKED');
  });

  it('a RISC event within the last ~10 minutes → its cause', () => {
    expect(refine({ recentSecurityEvent: { cause: 'SESSION_INVALIDATED', at: ago(5 * 60_000) } })).toBe('SESSION_INVALIDATED');
    expect(refine({ recentSecurityEvent: { cause: 'ACCOUNT_DISABLED', at: new Date(NOW.getTime() + 30_000) } })).toBe('ACCOUNT_DISABLED');
    expect(refine({ recentSecurityEvent: { cause: 'SESSION_INVALIDATED', at: ago(11 * 60_000) } })).toBe('ACCESS_REVOKED');
    expect(refine({ recentSecurityEvent: { cause: 'SESSION_INVALIDATED', at: new Date(NOW.getTime() + 5 * 60_000) } })).toBe('ACCESS_REVOKED');
    expect(refine({ recentSecurityEvent: null })).toBe('ACCESS_REVOKED');
    expect(refine({ recentSecurityEvent: { cause: 'SESSION_INVALIDATED', at: new Date('nope') } })).toBe('ACCESS_REVOKED');
  });

  it('explicit signals come first: admin_policy_enforced, invalid_rapt, deleted account', () => {
    const everything: Partial<GoogleInvalidGrantContext> = {
      clientInTestingMode: true,
      tokenIssuedAt: ago(30 * DAY),
      newerGrantsForAccount: 500,
      recentSecurityEvent: { cause: 'SESSION_INVALIDATED', at: ago(1000) },
    };
    expect(refine({ ...everything, error: 'admin_policy_enforced' })).toBe('ADMIN_POLICY');
    expect(refine({ ...everything, errorSubtype: 'admin_policy_enforced' })).toBe('ADMIN_POLICY');
    expect(refine({ ...everything, errorSubtype: 'invalid_rapt' })).toBe('SESSION_INVALIDATED');
    expect(refine({ ...everything, errorDescription: 'Account has been deleted' })).toBe('ACCOUNT_DISABLED');
    expect(refine(everything)).toBe('SESSION_INVALIDATED');
  });

  it('an unreadable now falls back to the current time', () => {
    expect(refineGoogleInvalidGrant({ now: new Date('x'), lastSuccessfulUseAt: new Date(Date.now() - 365 * DAY) })).toBe('REFRESH_TOKEN_UNUSED');
  });
});
