import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleTokens, refreshGoogle, type GoogleTokens } from '../test-support/flows.js';
import { GOOGLE_CLIENT, json, startHarness, type Harness } from '../test-support/harness.js';
import { startReceiver } from '../test-support/receiver.js';

const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';

describe('Google invalidation, Ads API and RISC', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let userId: string;
  let customerId: string;
  let tokens: GoogleTokens;
  beforeAll(async () => {
    receiver = await startReceiver(202);
    h = await startHarness({ google: { ...GOOGLE_CLIENT, riscReceiverUrl: `${receiver.url}/webhooks/google/risc` } });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });
  beforeEach(async () => {
    h.sandbox.reset();
    receiver.received.length = 0;
    userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Annie Easley' }).userId;
    customerId = h.sandbox.addAdAccount(userId, 'Easley Ads').accountId;
    tokens = await googleTokens(h, userId);
  });

  const ads = async (path: string, token = tokens.access_token) => {
    const res = await h.call(`/google/ads/v17${path}`, { headers: { authorization: `Bearer ${token}`, 'developer-token': 'dev' } });
    return { status: res.status, body: await json(res) };
  };
  const adsCode = (body: { error: { details: Array<{ errors: Array<{ errorCode: Record<string, string> }> }> } }) =>
    body.error.details[0]!.errors[0]!.errorCode;

  /** Verifies the pushed security event token against the sandbox's published keys. */
  async function verifiedEvent(index = 0) {
    const push = receiver.received[index]!;
    expect(push.contentType).toBe('application/secevent+jwt');
    const config = await json(await h.call('/google/.well-known/risc-configuration'));
    expect(config.issuer).toBe(`${h.url}/google/`);
    const jwks = createRemoteJWKSet(new URL(config.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(push.body, jwks, { issuer: config.issuer, audience: GOOGLE_CLIENT.clientId });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'secevent+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({ iat: expect.any(Number), jti: expect.stringMatching(/^[0-9A-F]{32}$/) });
    return payload as { events: Record<string, Record<string, unknown>> };
  }

  it('lists accessible customers and reads one', async () => {
    expect(await ads('/customers:listAccessibleCustomers')).toEqual({ status: 200, body: { resourceNames: [`customers/${customerId}`] } });
    const customer = await ads(`/customers/${customerId}`);
    expect(customer.body).toMatchObject({ resourceName: `customers/${customerId}`, id: customerId, descriptiveName: 'Easley Ads' });
    const other = await ads('/customers/1111111111');
    expect(other.status).toBe(403);
    expect(adsCode(other.body)).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
  });

  it('answers an expired access token with OAUTH_TOKEN_EXPIRED (a refresh fixes it)', async () => {
    h.sandbox.clock.advance(3600);
    const expired = await ads('/customers:listAccessibleCustomers');
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    expect(expired.body.error.details[0]['@type']).toBe('type.googleapis.com/google.ads.googleads.v17.errors.GoogleAdsFailure');
    expect(adsCode(expired.body)).toEqual({ authenticationError: 'OAUTH_TOKEN_EXPIRED' });
    const fresh = await refreshGoogle(h, tokens.refresh_token!);
    expect((await ads('/customers:listAccessibleCustomers', fresh.body.access_token)).status).toBe(200);
  });

  it('SESSION_INVALIDATED: refresh answers invalid_rapt and a sessions-revoked event is pushed', async () => {
    const { body } = await h.control<{ notices: Array<{ status: number }> }>(`/users/${userId}/invalidate`, { cause: 'SESSION_INVALIDATED' });
    expect(body.notices[0]!.status).toBe(202);
    expect(await refreshGoogle(h, tokens.refresh_token!)).toEqual({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: 'reauth related error (invalid_rapt)',
        error_uri: 'https://support.google.com/a/answer/9368756',
        error_subtype: 'invalid_rapt',
      },
    });
    const event = await verifiedEvent();
    expect(event.events[`${RISC}sessions-revoked`]).toEqual({ subject: { subject_type: 'iss-sub', iss: `${h.url}/google/`, sub: userId } });
  });

  it('APP_DEAUTHORIZED: tokens revoked everywhere and a tokens-revoked event', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'APP_DEAUTHORIZED' });
    expect((await refreshGoogle(h, tokens.refresh_token!)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const revoked = await ads('/customers:listAccessibleCustomers');
    expect([revoked.status, adsCode(revoked.body)]).toEqual([401, { authenticationError: 'OAUTH_TOKEN_REVOKED' }]);
    expect(Object.keys((await verifiedEvent()).events)).toEqual([`${OAUTH}tokens-revoked`]);
  });

  it('ACCOUNT_DISABLED: an account-disabled event with reason hijacking; account-enabled on request', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'ACCOUNT_DISABLED' });
    expect((await verifiedEvent()).events[`${RISC}account-disabled`]).toMatchObject({ reason: 'hijacking', subject: { sub: userId } });
    expect(adsCode((await ads('/customers:listAccessibleCustomers')).body)).toEqual({ authenticationError: 'GOOGLE_ACCOUNT_DELETED' });
    const enabled = await h.control(`/users/${userId}/risc`, { eventType: 'account-enabled' });
    expect(enabled.status).toBe(200);
    expect(Object.keys((await verifiedEvent(1)).events)).toEqual([`${RISC}account-enabled`]);
    await h.control(`/users/${userId}/risc`, { eventType: 'verification', state: 'check-123' });
    expect((await verifiedEvent(2)).events[`${RISC}verification`]).toEqual({ state: 'check-123' });
    const config = await json(await h.call('/google/.well-known/risc-configuration'));
    const verify = await fetch(config.verification_endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"state":"s-2"}' });
    expect(verify.status).toBe(200);
    expect((await verifiedEvent(3)).events[`${RISC}verification`]).toEqual({ state: 's-2' });
    const refused = await h.control<{ error: string }>(`/users/${userId}/risc`, { eventType: 'sessions-revoked' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('invalidate');
  });

  it('ADMIN_POLICY: admin_policy_enforced on refresh', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'ADMIN_POLICY' });
    const answer = await refreshGoogle(h, tokens.refresh_token!);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('admin_policy_enforced');
  });

  it('PERMISSIONS_CHANGED: the token still refreshes, the Ads API denies access', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'PERMISSIONS_CHANGED' });
    expect((await refreshGoogle(h, tokens.refresh_token!)).status).toBe(200);
    const denied = await ads(`/customers/${customerId}`);
    expect([denied.status, adsCode(denied.body)]).toEqual([403, { authorizationError: 'USER_PERMISSION_DENIED' }]);
    expect(adsCode((await ads('/customers:listAccessibleCustomers')).body)).toEqual({ authenticationError: 'NOT_ADS_USER' });
  });

  it.each(['ACCESS_REVOKED', 'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_LIMIT_EXCEEDED', 'TOKEN_EXPIRED'])(
    '%s: the plain invalid_grant Google gives for most causes, nothing pushed',
    async (cause) => {
      const { body } = await h.control<{ notices: unknown[] }>(`/users/${userId}/invalidate`, { cause });
      expect(body.notices).toEqual([]);
      expect(await refreshGoogle(h, tokens.refresh_token!)).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      });
      expect(receiver.received).toHaveLength(0);
    },
  );

  it('skips RISC for users who granted neither email nor profile', async () => {
    const id = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Adsonly' }).userId;
    await googleTokens(h, id, { scope: 'https://www.googleapis.com/auth/adwords' });
    const { body } = await h.control<{ notices: Array<{ skipped?: string }> }>(`/users/${id}/invalidate`, { cause: 'SESSION_INVALIDATED' });
    expect(body.notices[0]!.skipped).toContain('email or profile');
    expect(receiver.received).toHaveLength(0);
  });

  it('fails the next Google calls as injected', async () => {
    h.sandbox.injectFault('GOOGLE', 'http500', 1);
    const failed = await ads('/customers:listAccessibleCustomers');
    expect([failed.status, failed.body.error.status]).toEqual([500, 'INTERNAL']);
    h.sandbox.injectFault('GOOGLE', 'rateLimit', 2);
    const limited = await ads('/customers:listAccessibleCustomers');
    expect([limited.status, adsCode(limited.body)]).toEqual([429, { quotaError: 'RESOURCE_EXHAUSTED' }]);
    expect((await refreshGoogle(h, tokens.refresh_token!)).status).toBe(429);
    h.sandbox.injectFault('GOOGLE', 'timeout', 1);
    const outcome = await fetch(`${h.url}/google/token`, { method: 'POST', signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await refreshGoogle(h, tokens.refresh_token!)).status).toBe(200);
    // the id_token is signed with the published key
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe((await json(await fetch(h.sandbox.jwksUrl))).keys[0].kid);
  });
});
