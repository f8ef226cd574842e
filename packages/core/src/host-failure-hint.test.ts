import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyProviderResponse } from './classify-provider-response.js';
import { hostFailureHint } from './host-failure-hint.js';
import { isProvider } from './provider.js';
import { loadSharedFixtures } from './test-support/shared-fixtures.js';

const json = (value: unknown) => JSON.stringify(value);
const graphError = (code: number, subcode?: number, message = 'Error validating access token') =>
  json({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbC123' } });

describe('hostFailureHint', () => {
  it('names the cause of a Facebook token error the host app got', () => {
    expect(hostFailureHint('FACEBOOK', { httpStatus: 400, errorBody: graphError(190, 460) })).toEqual({ outcome: 'invalid', cause: 'PASSWORD_CHANGED' });
    expect(hostFailureHint('FACEBOOK', { httpStatus: 400, errorBody: graphError(190, 459) })).toEqual({ outcome: 'invalid', cause: 'SECURITY_CHECKPOINT' });
    expect(hostFailureHint('FACEBOOK', { httpStatus: 403, errorBody: graphError(200, undefined, 'Permissions error') })).toEqual({
      outcome: 'invalid',
      cause: 'PERMISSIONS_CHANGED',
    });
  });

  it('reads a body without a status too (the host may not say)', () => {
    expect(hostFailureHint('FACEBOOK', { errorBody: graphError(190, 463) })).toEqual({ outcome: 'invalid', cause: 'TOKEN_EXPIRED' });
    expect(hostFailureHint('GOOGLE', { errorBody: json({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }) })).toEqual({
      outcome: 'invalid',
      cause: 'ACCESS_REVOKED',
    });
  });

  it('calls rate limits and outages transient', () => {
    expect(hostFailureHint('FACEBOOK', { httpStatus: 400, errorBody: graphError(4, undefined, 'Application request limit reached') })).toEqual({
      outcome: 'transient',
    });
    const quota = json({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } });
    expect(hostFailureHint('GOOGLE', { httpStatus: 429, errorBody: quota })).toEqual({ outcome: 'transient' });
  });

  it('reads a Google Ads searchStream error array', () => {
    const failure = { '@type': 'type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure', errors: [{ errorCode: { authorizationError: 'USER_PERMISSION_DENIED' } }] };
    const body = json([{ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED', details: [failure] } }]);
    expect(hostFailureHint('GOOGLE', { httpStatus: 403, errorBody: body })).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
    // A bare UNAUTHENTICATED only says this access token was refused: Google refreshes, so no cause yet.
    const bare = json([{ error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } }]);
    expect(hostFailureHint('GOOGLE', { httpStatus: 401, errorBody: bare })).toEqual({ outcome: 'transient' });
  });

  it('gives no hint when the body is not a provider error', () => {
    expect(hostFailureHint('FACEBOOK', {})).toBeUndefined();
    expect(hostFailureHint('FACEBOOK', { httpStatus: 401 })).toBeUndefined();
    expect(hostFailureHint('FACEBOOK', { httpStatus: 401, errorBody: 'Unauthorized' })).toBeUndefined();
    expect(hostFailureHint('FACEBOOK', { httpStatus: 502, errorBody: '<html><body>Bad gateway</body></html>' })).toBeUndefined();
    expect(hostFailureHint('GOOGLE', { httpStatus: 200, errorBody: json({ access_token: 'ya29.x', expires_in: 3599 }) })).toBeUndefined();
    expect(hostFailureHint('GOOGLE', { httpStatus: 400, errorBody: json({ error: '' }) })).toBeUndefined();
    expect(hostFailureHint('FACEBOOK', { httpStatus: 400, errorBody: '   ' })).toBeUndefined();
    expect(hostFailureHint('FACEBOOK', { httpStatus: 400, errorBody: null })).toBeUndefined();
  });

  it('agrees with classifyProviderResponse on every shared fixture that is an error body', () => {
    for (const fixture of loadSharedFixtures()) {
      if (!isProvider(fixture.provider) || fixture.context) continue;
      const hint = hostFailureHint(fixture.provider, { httpStatus: fixture.status, errorBody: json(fixture.body) });
      const result = classifyProviderResponse(fixture.provider, { status: fixture.status, body: fixture.body });
      const isError = typeof fixture.body === 'object' && fixture.body !== null && 'error' in fixture.body;
      if (!isError || result.outcome === 'valid') expect(hint, fixture.file).toBeUndefined();
      else expect(hint, fixture.file).toEqual(result.outcome === 'invalid' ? { outcome: 'invalid', cause: result.cause } : { outcome: 'transient' });
    }
  });

  it('never throws on odd input', () => {
    fc.assert(
      fc.property(fc.constantFrom('FACEBOOK' as const, 'GOOGLE' as const), fc.option(fc.integer()), fc.option(fc.oneof(fc.string(), fc.json())), (provider, httpStatus, errorBody) => {
        const hint = hostFailureHint(provider, { httpStatus, errorBody });
        expect(hint === undefined || hint.outcome === 'invalid' || hint.outcome === 'transient').toBe(true);
      }),
    );
  });
});
