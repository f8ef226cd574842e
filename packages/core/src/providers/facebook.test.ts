import { describe, expect, it } from 'vitest';
import type { CheckResult, ProviderResponse } from '../check-result.js';
import { classifyProviderResponse } from '../classify-provider-response.js';
import { FACEBOOK_APP_USAGE_BACKOFF_SECONDS } from './facebook-usage.js';

const NOW = new Date('2025-05-13T12:00:00.000Z');
const nowSeconds = NOW.getTime() / 1000;

function fb(status: number | null, body: unknown, extra: Partial<ProviderResponse> = {}): CheckResult {
  return classifyProviderResponse('FACEBOOK', { status, body, now: NOW, ...extra });
}
function graphError(code: number, subcode?: number, message = 'Some message', extra: Record<string, unknown> = {}): unknown {
  return { error: { message, type: 'OAuthException', code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'X', ...extra } };
}

describe('Facebook Graph API error objects', () => {
  it.each([
    [190, 463, 'TOKEN_EXPIRED'],
    [190, 460, 'PASSWORD_CHANGED'],
    [190, 458, 'APP_DEAUTHORIZED'],
    [190, 459, 'SECURITY_CHECKPOINT'],
    [190, 464, 'SECURITY_CHECKPOINT'],
    [190, 467, 'SESSION_INVALIDATED'],
    [190, 492, 'PERMISSIONS_CHANGED'],
    [190, 493, 'DATA_ACCESS_EXPIRED'],
    [102, 463, 'TOKEN_EXPIRED'],
    [102, 460, 'PASSWORD_CHANGED'],
  ] as const)('code %i subcode %i → %s', (code, subcode, cause) => {
    expect(fb(400, graphError(code, subcode))).toEqual({ outcome: 'invalid', cause });
  });

  it('the subcode wins over misleading message text', () => {
    expect(fb(400, graphError(190, 458, 'Error validating access token: Session has expired on Feb 7'))).toEqual({
      outcome: 'invalid',
      cause: 'APP_DEAUTHORIZED',
    });
  });

  it.each([
    [190, 'Error validating access token: Session has expired on Friday, 09-May-25 10:00:00 PDT.', 'TOKEN_EXPIRED'],
    [102, 'Session has expired', 'TOKEN_EXPIRED'],
    [190, 'Invalid OAuth access token.', 'SESSION_INVALIDATED'],
    [102, 'API Session', 'SESSION_INVALIDATED'],
    [190, 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', 'PASSWORD_CHANGED'],
    [190, 'Error validating access token: User 123 has not authorized application 456.', 'APP_DEAUTHORIZED'],
    [190, 'Error validating access token: Sessions for the user 123 are not allowed because the user is not a confirmed user.', 'SECURITY_CHECKPOINT'],
    [190, 'Error validating access token: The user is enrolled in a blocking, logged-in checkpoint', 'SECURITY_CHECKPOINT'],
    [190, 'Error validating access token: The session is invalid because the user logged out.', 'SESSION_INVALIDATED'],
    [190, 'Error validating access token: Data access has expired for this user.', 'DATA_ACCESS_EXPIRED'],
  ] as const)('code %i without subcode, message "%s" → %s', (code, message, cause) => {
    expect(fb(400, graphError(code, undefined, message))).toEqual({ outcome: 'invalid', cause });
  });

  it('an unknown 190 subcode falls back to the message, then to SESSION_INVALIDATED', () => {
    expect(fb(400, graphError(190, 999, 'Session has expired on Feb 7'))).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
    expect(fb(400, graphError(190, 999, 'Whatever'))).toEqual({ outcome: 'invalid', cause: 'SESSION_INVALIDATED' });
  });

  it.each([10, 200, 210, 270, 294, 299])('permission code %i → PERMISSIONS_CHANGED', (code) => {
    expect(fb(403, graphError(code))).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
  });

  it.each([1, 2, 4, 17, 32, 341, 368, 613, 80000, 80004, 80014])('code %i → transient', (code) => {
    expect(fb(400, graphError(code))).toEqual({ outcome: 'transient' });
  });

  it('is_transient: true wins, whatever the code', () => {
    expect(fb(400, graphError(100, undefined, 'x', { is_transient: true }))).toEqual({ outcome: 'transient' });
    expect(fb(400, graphError(190, 460, 'x', { is_transient: true }))).toEqual({ outcome: 'transient' });
  });

  it('accepts code and subcode as numeric strings', () => {
    expect(fb(400, { error: { code: '190', error_subcode: '463' } })).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
  });

  it('unknown codes: transient, unless clearly about the token', () => {
    expect(fb(400, graphError(100, 33, 'Unsupported get request.'))).toEqual({ outcome: 'transient' });
    expect(fb(500, graphError(3, undefined, 'Capability'))).toEqual({ outcome: 'transient' });
    expect(fb(401, graphError(100, undefined, 'Something odd'))).toEqual({ outcome: 'invalid', cause: 'UNKNOWN' });
    expect(fb(401, graphError(100, 460, 'Something odd'))).toEqual({ outcome: 'invalid', cause: 'PASSWORD_CHANGED' });
    expect(fb(400, graphError(999, undefined, 'Error validating access token: something new'))).toEqual({ outcome: 'invalid', cause: 'UNKNOWN' });
    expect(fb(400, graphError(999, undefined, 'Error validating access token: Session has expired on May 1'))).toEqual({
      outcome: 'invalid',
      cause: 'TOKEN_EXPIRED',
    });
    expect(fb(400, { error: {} })).toEqual({ outcome: 'transient' });
  });
});

describe('Facebook rate limits and back-off headers', () => {
  const throttled = graphError(4, undefined, '(#4) Application request limit reached', { is_transient: true });

  it('Retry-After in seconds or as an HTTP date', () => {
    expect(fb(429, '', { headers: { 'Retry-After': '120' } })).toEqual({ outcome: 'transient', retryAfterSeconds: 120 });
    const date = new Date(NOW.getTime() + 90_000).toUTCString();
    expect(fb(503, 'Service Unavailable', { headers: { 'retry-after': date } })).toEqual({ outcome: 'transient', retryAfterSeconds: 90 });
    expect(fb(503, '', { headers: { 'retry-after': 'soon' } })).toEqual({ outcome: 'transient' });
  });

  it('X-Business-Use-Case-Usage estimated_time_to_regain_access (minutes)', () => {
    const usage = JSON.stringify({
      '1122': [{ type: 'ads_insights', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 12 }],
      '3344': [{ type: 'ads_management', call_count: 5, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 }],
    });
    expect(fb(400, graphError(80000), { headers: { 'X-Business-Use-Case-Usage': usage } })).toEqual({
      outcome: 'transient',
      retryAfterSeconds: 720,
    });
    expect(fb(400, graphError(80000), { headers: { 'x-business-use-case-usage': '{"1":{"estimated_time_to_regain_access":2}}' } })).toEqual({
      outcome: 'transient',
      retryAfterSeconds: 120,
    });
    expect(fb(400, graphError(80000), { headers: { 'x-business-use-case-usage': '[1,2]' } })).toEqual({ outcome: 'transient' });
  });

  it('X-App-Usage or X-Page-Usage near 100% → a fixed back-off; below it, none', () => {
    const near = JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 40 });
    expect(fb(400, throttled, { headers: { 'X-App-Usage': near } })).toEqual({
      outcome: 'transient',
      retryAfterSeconds: FACEBOOK_APP_USAGE_BACKOFF_SECONDS,
    });
    expect(fb(400, throttled, { headers: { 'X-Page-Usage': '{"call_count":2,"total_cputime":96,"total_time":3}' } })).toEqual({
      outcome: 'transient',
      retryAfterSeconds: FACEBOOK_APP_USAGE_BACKOFF_SECONDS,
    });
    expect(fb(400, throttled, { headers: { 'X-App-Usage': '{"call_count":40,"total_cputime":12,"total_time":40}' } })).toEqual({
      outcome: 'transient',
    });
    expect(fb(400, throttled, { headers: { 'X-App-Usage': 'not json' } })).toEqual({ outcome: 'transient' });
  });

  it('X-Ad-Account-Usage reset_time_duration counts once the account is at its limit', () => {
    const headers = (pct: number, reset: number) => ({ 'X-Ad-Account-Usage': JSON.stringify({ acc_id_util_pct: pct, reset_time_duration: reset }) });
    expect(fb(400, graphError(17), { headers: headers(100, 300) })).toEqual({ outcome: 'transient', retryAfterSeconds: 300 });
    expect(fb(400, graphError(17), { headers: headers(50, 300) })).toEqual({ outcome: 'transient' });
    expect(fb(400, graphError(17), { headers: headers(100, 0) })).toEqual({ outcome: 'transient' });
  });

  it('the longest of the waits wins; a Headers instance works too', () => {
    const headers = new Headers({ 'retry-after': '30', 'x-app-usage': '{"call_count":99}' });
    expect(fb(400, throttled, { headers })).toEqual({ outcome: 'transient', retryAfterSeconds: FACEBOOK_APP_USAGE_BACKOFF_SECONDS });
  });

  it('a successful call stays valid even at 100% usage', () => {
    expect(fb(200, { id: '1' }, { headers: { 'x-app-usage': '{"call_count":100}' } })).toEqual({ outcome: 'valid' });
  });
});

describe('Facebook debug_token', () => {
  const debug = (data: Record<string, unknown>, requiredScopes?: readonly string[]) =>
    fb(200, { data: { app_id: '1', type: 'USER', application: 'Relink', ...data } }, requiredScopes ? { requiredScopes } : {});
  const valid = { is_valid: true, scopes: ['ads_read', 'ads_management', 'public_profile'], user_id: '42' };

  it('valid: expiry, data access expiry, scopes and user id', () => {
    expect(debug({ ...valid, expires_at: nowSeconds + 3600, data_access_expires_at: nowSeconds + 86400 })).toEqual({
      outcome: 'valid',
      expiresAt: new Date(NOW.getTime() + 3_600_000),
      dataAccessExpiresAt: new Date(NOW.getTime() + 86_400_000),
      scopes: ['ads_read', 'ads_management', 'public_profile'],
      externalUserId: '42',
    });
  });

  it('expires_at: 0 means no expiry', () => {
    const result = debug({ ...valid, expires_at: 0, data_access_expires_at: 0 });
    expect(result).toEqual({ outcome: 'valid', scopes: valid.scopes, externalUserId: '42' });
  });

  it('expiry in the past → TOKEN_EXPIRED; data access expiry in the past → DATA_ACCESS_EXPIRED', () => {
    expect(debug({ ...valid, expires_at: nowSeconds - 1 })).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
    expect(debug({ ...valid, expires_at: nowSeconds })).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
    expect(debug({ ...valid, expires_at: 0, data_access_expires_at: nowSeconds - 60 })).toEqual({
      outcome: 'invalid',
      cause: 'DATA_ACCESS_EXPIRED',
    });
  });

  it('a required scope missing → PERMISSIONS_CHANGED; present → valid', () => {
    expect(debug({ ...valid, scopes: ['ads_read', 'public_profile'] }, ['ads_read', 'ads_management'])).toEqual({
      outcome: 'invalid',
      cause: 'PERMISSIONS_CHANGED',
    });
    expect(debug(valid, ['ads_read', 'ads_management'])).toMatchObject({ outcome: 'valid' });
    // Without scopes in the answer there is no evidence of a missing one.
    expect(debug({ is_valid: true }, ['ads_read'])).toEqual({ outcome: 'valid' });
  });

  it.each([
    [463, 'TOKEN_EXPIRED'],
    [460, 'PASSWORD_CHANGED'],
    [458, 'APP_DEAUTHORIZED'],
    [459, 'SECURITY_CHECKPOINT'],
    [464, 'SECURITY_CHECKPOINT'],
    [467, 'SESSION_INVALIDATED'],
    [492, 'PERMISSIONS_CHANGED'],
    [493, 'DATA_ACCESS_EXPIRED'],
  ] as const)('is_valid false with error.subcode %i → %s', (subcode, cause) => {
    expect(debug({ is_valid: false, scopes: [], error: { code: 190, message: 'x', subcode } })).toEqual({ outcome: 'invalid', cause });
  });

  it('is_valid false without a subcode: the expiry fields, then the message, then SESSION_INVALIDATED', () => {
    expect(debug({ is_valid: false, expires_at: nowSeconds - 10, error: { code: 190, message: 'x' } })).toEqual({
      outcome: 'invalid',
      cause: 'TOKEN_EXPIRED',
    });
    expect(debug({ is_valid: false, expires_at: 0, data_access_expires_at: nowSeconds - 10 })).toEqual({
      outcome: 'invalid',
      cause: 'DATA_ACCESS_EXPIRED',
    });
    expect(debug({ is_valid: false, error: { code: 190, message: 'Error validating access token: The session is invalid because the user logged out.' } })).toEqual({
      outcome: 'invalid',
      cause: 'SESSION_INVALIDATED',
    });
    expect(debug({ is_valid: false, error: { code: 190, message: 'Error validating access token: User 1 has not authorized application 2.' } })).toEqual({
      outcome: 'invalid',
      cause: 'APP_DEAUTHORIZED',
    });
    expect(debug({ is_valid: false, error: { code: 190, message: 'Invalid OAuth access token.' } })).toEqual({
      outcome: 'invalid',
      cause: 'SESSION_INVALIDATED',
    });
    expect(debug({ is_valid: false })).toEqual({ outcome: 'invalid', cause: 'SESSION_INVALIDATED' });
  });

  it('an unreadable is_valid proves nothing', () => {
    expect(debug({ is_valid: 'yes' })).toEqual({ outcome: 'transient' });
    expect(debug({ is_valid: null })).toEqual({ outcome: 'transient' });
  });

  it('a numeric user_id is read as a string', () => {
    expect(debug({ is_valid: true, user_id: 42 })).toEqual({ outcome: 'valid', externalUserId: '42' });
  });
});

describe('Facebook successes, odd and empty bodies', () => {
  it('a token exchange answer gives expiresAt = now + expires_in', () => {
    expect(fb(200, { access_token: 'EAAB', token_type: 'bearer', expires_in: 5183944 })).toEqual({
      outcome: 'valid',
      expiresAt: new Date(NOW.getTime() + 5_183_944_000),
    });
    expect(fb(200, { access_token: 'EAAB', token_type: 'bearer' })).toEqual({ outcome: 'valid' });
  });

  it('any other JSON success is valid, also as JSON text', () => {
    expect(fb(200, { id: '10', name: 'Ana' })).toEqual({ outcome: 'valid' });
    expect(fb(200, { data: [{ id: 'act_1' }], paging: {} })).toEqual({ outcome: 'valid' });
    expect(fb(200, '{"data":[]}')).toEqual({ outcome: 'valid' });
    expect(fb(200, [])).toEqual({ outcome: 'valid' });
    expect(fb(200, true)).toEqual({ outcome: 'valid' });
  });

  it('a success without JSON proves nothing → transient', () => {
    expect(fb(200, '<html>Captive portal</html>')).toEqual({ outcome: 'transient' });
    expect(fb(200, '')).toEqual({ outcome: 'transient' });
    expect(fb(204, undefined)).toEqual({ outcome: 'transient' });
    expect(fb(200, 42)).toEqual({ outcome: 'transient' });
  });

  it('network failures, 5xx and 429 are transient', () => {
    expect(fb(null, undefined)).toEqual({ outcome: 'transient' });
    expect(fb(502, '<html>Bad gateway</html>')).toEqual({ outcome: 'transient' });
    expect(fb(429, {})).toEqual({ outcome: 'transient' });
  });

  it('4xx without an error object: token wording or 401 → invalid, else transient', () => {
    expect(fb(400, 'Error validating access token: Session has expired on Feb 7')).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
    expect(fb(400, 'Error validating access token: new wording')).toEqual({ outcome: 'invalid', cause: 'UNKNOWN' });
    expect(fb(400, 'The user logged out of the party')).toEqual({ outcome: 'transient' });
    expect(fb(401, '')).toEqual({ outcome: 'invalid', cause: 'UNKNOWN' });
    expect(fb(404, { message: 'no' })).toEqual({ outcome: 'transient' });
    expect(fb(302, '')).toEqual({ outcome: 'transient' });
  });
});
