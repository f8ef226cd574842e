import { describe, expect, it } from 'vitest';
import type { CheckResult, ProviderResponse } from '../check-result.js';
import { classifyProviderResponse } from '../classify-provider-response.js';
import { GOOGLE_ADS_SCOPE } from './google-descriptor.js';

const NOW = new Date('2025-05-13T12:00:00.000Z');
const g = (status: number | null, body: unknown, extra: Partial<ProviderResponse> = {}): CheckResult =>
  classifyProviderResponse('GOOGLE', { status, body, now: NOW, ...extra });

function adsFailure(status: number, errorCode: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    error: {
      code: status,
      message: 'Request is missing required authentication credential.',
      status: status === 401 ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.ads.googleads.v17.errors.GoogleAdsFailure',
          errors: [{ errorCode, message: 'x', ...extra }],
          requestId: 'abc',
        },
      ],
    },
  };
}

describe('Google token endpoint errors', () => {
  it.each([
    [{ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, 'ACCESS_REVOKED'],
    [{ error: 'invalid_grant', error_description: 'Bad Request' }, 'ACCESS_REVOKED'],
    [{ error: 'invalid_grant', error_description: 'reauth related error (invalid_rapt)', error_subtype: 'invalid_rapt' }, 'SESSION_INVALIDATED'],
    [{ error: 'invalid_grant', error_description: 'Account has been deleted' }, 'ACCOUNT_DISABLED'],
    [{ error: 'admin_policy_enforced', error_description: 'blocked by admin' }, 'ADMIN_POLICY'],
    [{ error: 'invalid_grant', error_subtype: 'admin_policy_enforced' }, 'ADMIN_POLICY'],
    [{ error: 'invalid_rapt' }, 'SESSION_INVALIDATED'],
    [{ error: 'access_denied' }, 'UNKNOWN'],
  ] as const)('%j → %s', (body, cause) => {
    expect(g(400, body)).toEqual({ outcome: 'invalid', cause });
  });

  it.each(['invalid_client', 'unauthorized_client', 'deleted_client', 'invalid_request', 'invalid_scope', 'invalid_token', 'server_error', 'whatever'])(
    '%s is not about the grant → transient',
    (error) => {
      expect(g(400, { error, error_description: 'x' })).toEqual({ outcome: 'transient' });
    },
  );

  it('tokeninfo on a dead or lapsed access token → transient (the refresh decides)', () => {
    expect(g(400, { error: 'invalid_token', error_description: 'Invalid Value' })).toEqual({ outcome: 'transient' });
  });

  it('passes Retry-After through for errors that are transient', () => {
    expect(g(503, { error: 'temporarily_unavailable' }, { headers: { 'Retry-After': '9' } })).toEqual({ outcome: 'transient', retryAfterSeconds: 9 });
  });
});

describe('Google token and tokeninfo successes', () => {
  it('token response → valid with expiresAt = now + expires_in, scopes', () => {
    expect(g(200, { access_token: 'ya29.a0', expires_in: 3599, scope: `openid ${GOOGLE_ADS_SCOPE}`, token_type: 'Bearer' })).toEqual({
      outcome: 'valid',
      expiresAt: new Date(NOW.getTime() + 3_599_000),
      scopes: ['openid', GOOGLE_ADS_SCOPE],
    });
  });

  it('refresh_token_expires_in (time-based access) is reported separately', () => {
    expect(g(200, { access_token: 'ya29.a0', expires_in: 3600, refresh_token_expires_in: 86400 })).toEqual({
      outcome: 'valid',
      expiresAt: new Date(NOW.getTime() + 3_600_000),
      refreshTokenExpiresAt: new Date(NOW.getTime() + 86_400_000),
    });
    expect(g(200, { access_token: 'ya29.a0' })).toEqual({ outcome: 'valid' });
  });

  it('a token response without the required scope → PERMISSIONS_CHANGED', () => {
    expect(g(200, { access_token: 'ya29', expires_in: 3600, scope: 'openid email' }, { requiredScopes: [GOOGLE_ADS_SCOPE] })).toEqual({
      outcome: 'invalid',
      cause: 'PERMISSIONS_CHANGED',
    });
    expect(g(200, { access_token: 'ya29', expires_in: 3600 }, { requiredScopes: [GOOGLE_ADS_SCOPE] })).toMatchObject({ outcome: 'valid' });
  });

  it('tokeninfo → valid with expiresAt from exp (string or number) and the user', () => {
    const exp = NOW.getTime() / 1000 + 1200;
    const info = { aud: 'c.apps.googleusercontent.com', azp: 'c', sub: '1057', scope: GOOGLE_ADS_SCOPE, exp: String(exp), expires_in: '1200', email: 'a@b.c' };
    expect(g(200, info, { requiredScopes: [GOOGLE_ADS_SCOPE] })).toEqual({
      outcome: 'valid',
      expiresAt: new Date(exp * 1000),
      scopes: [GOOGLE_ADS_SCOPE],
      externalUserId: '1057',
    });
    expect(g(200, { ...info, exp })).toMatchObject({ outcome: 'valid', expiresAt: new Date(exp * 1000) });
    expect(g(200, { ...info, scope: 'email' }, { requiredScopes: [GOOGLE_ADS_SCOPE] })).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
    expect(g(200, { exp: 0 })).toEqual({ outcome: 'valid' });
    expect(g(200, { ...info, exp: NOW.getTime() / 1000 - 1 })).toEqual({ outcome: 'transient' });
  });

  it('other successes are valid; userinfo names the user', () => {
    expect(g(200, { resourceNames: ['customers/1'] })).toEqual({ outcome: 'valid' });
    expect(g(200, { sub: '99', email: 'x@y.z' })).toEqual({ outcome: 'valid', externalUserId: '99' });
    expect(g(200, [{ results: [] }])).toEqual({ outcome: 'valid' });
  });

  it('empty or text successes prove nothing', () => {
    expect(g(200, '')).toEqual({ outcome: 'transient' });
    expect(g(200, '<html></html>')).toEqual({ outcome: 'transient' });
    expect(g(204, null)).toEqual({ outcome: 'transient' });
  });
});

describe('Google Ads API failures', () => {
  it.each([
    ['authenticationError', 'OAUTH_TOKEN_REVOKED', 'ACCESS_REVOKED'],
    ['authenticationError', 'OAUTH_TOKEN_INVALID', 'ACCESS_REVOKED'],
    ['authenticationError', 'OAUTH_TOKEN_DISABLED', 'ACCESS_REVOKED'],
    ['authenticationError', 'GOOGLE_ACCOUNT_DELETED', 'ACCOUNT_DISABLED'],
    ['authenticationError', 'NOT_ADS_USER', 'PERMISSIONS_CHANGED'],
    ['authenticationError', 'GOOGLE_ACCOUNT_AUTHENTICATION_FAILED', 'UNKNOWN'],
    ['authorizationError', 'USER_PERMISSION_DENIED', 'PERMISSIONS_CHANGED'],
    ['authorizationError', 'CUSTOMER_NOT_ENABLED', 'ACCOUNT_DISABLED'],
    ['authorizationError', 'ACTION_NOT_PERMITTED_FOR_SUSPENDED_ACCOUNT', 'ACCOUNT_DISABLED'],
  ] as const)('%s %s → %s', (kind, value, cause) => {
    expect(g(kind === 'authenticationError' ? 401 : 403, adsFailure(401, { [kind]: value }))).toEqual({ outcome: 'invalid', cause });
  });

  it.each([
    ['authenticationError', 'OAUTH_TOKEN_EXPIRED'],
    ['authenticationError', 'DEVELOPER_TOKEN_INVALID'],
    ['authenticationError', 'CUSTOMER_NOT_FOUND'],
    ['authenticationError', 'OAUTH_TOKEN_HEADER_INVALID'],
    ['authorizationError', 'DEVELOPER_TOKEN_NOT_APPROVED'],
    ['authorizationError', 'PROJECT_DISABLED'],
    ['internalError', 'INTERNAL_ERROR'],
    ['requestError', 'INVALID_INPUT'],
  ] as const)('%s %s → transient', (kind, value) => {
    expect(g(401, adsFailure(401, { [kind]: value }))).toEqual({ outcome: 'transient' });
  });

  it('quota errors carry their retry delay', () => {
    const body = adsFailure(429, { quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, { details: { quotaErrorDetails: { rateScope: 'ACCOUNT', retryDelay: '29.2s' } } });
    expect(g(429, body)).toEqual({ outcome: 'transient', retryAfterSeconds: 30 });
    expect(g(429, body, { headers: { 'retry-after': '60' } })).toEqual({ outcome: 'transient', retryAfterSeconds: 60 });
  });

  it('an invalidating error wins over a transient one in the same failure', () => {
    const body = adsFailure(401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' });
    const errors = (body.error.details[0] as { errors: unknown[] }).errors;
    errors.push({ errorCode: { authenticationError: 'OAUTH_TOKEN_REVOKED' } }, { errorCode: { authorizationError: 'USER_PERMISSION_DENIED' } });
    expect(g(401, body)).toEqual({ outcome: 'invalid', cause: 'ACCESS_REVOKED' });
  });

  it('a searchStream answer (array) with a failure in its first element', () => {
    expect(g(401, [adsFailure(401, { authenticationError: 'OAUTH_TOKEN_REVOKED' })])).toEqual({ outcome: 'invalid', cause: 'ACCESS_REVOKED' });
  });

  it('plain Google API errors: UNAUTHENTICATED is transient, insufficient scopes are PERMISSIONS_CHANGED', () => {
    expect(g(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } })).toEqual({
      outcome: 'transient',
    });
    const scopeError = {
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' }],
      },
    };
    expect(g(403, scopeError)).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
    const retry = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }, 'junk'] } };
    expect(g(429, retry)).toEqual({ outcome: 'transient', retryAfterSeconds: 12 });
    expect(g(403, { error: { code: 403, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED' }] } })).toEqual({
      outcome: 'transient',
    });
    expect(g(403, { error: { code: 403, details: [{ '@type': 'x.GoogleAdsFailure', errors: [{ errorCode: null }, 'junk'] }] } })).toEqual({
      outcome: 'transient',
    });
  });

  it('bare failures are transient: network, 5xx, 429, 401 without a body', () => {
    expect(g(null, undefined)).toEqual({ outcome: 'transient' });
    expect(g(500, 'Internal error')).toEqual({ outcome: 'transient' });
    expect(g(429, '', { headers: { 'Retry-After': '3' } })).toEqual({ outcome: 'transient', retryAfterSeconds: 3 });
    expect(g(401, '')).toEqual({ outcome: 'transient' });
  });
});
