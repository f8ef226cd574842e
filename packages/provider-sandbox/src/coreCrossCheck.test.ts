import { decodeJwt } from 'jose';
import { causesForProvider, classifyProviderResponse, classifySecurityEvent, refineGoogleInvalidGrant } from '@relink/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookToken, googleTokens, refreshGoogle } from './test-support/flows.js';
import { FB_APP, GOOGLE_CLIENT, json, startHarness, type Harness } from './test-support/harness.js';
import { startReceiver } from './test-support/receiver.js';

/**
 * The sandbox's failing answers, read by @relink/core's classifier, give back the cause that was
 * triggered: the sandbox fails tokens the way the classifier expects real providers to.
 */
async function answer(res: Response) {
  return { status: res.status, body: await json(res), headers: Object.fromEntries(res.headers) };
}

const FB_REQUIRED = ['ads_read'];
const ADWORDS = ['https://www.googleapis.com/auth/adwords'];

describe('sandbox causes ↔ @relink/core classification', () => {
  let h: Harness;
  let testing: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver(202);
    h = await startHarness({
      facebook: { ...FB_APP, deauthorizeCallbackUrl: `${receiver.url}/deauthorize` },
      google: { ...GOOGLE_CLIENT, riscReceiverUrl: `${receiver.url}/risc` },
    });
    testing = await startHarness({ google: { ...GOOGLE_CLIENT, testingMode: true } });
  });
  afterAll(async () => {
    await h.close();
    await testing.close();
    await receiver.close();
  });
  beforeEach(() => {
    h.sandbox.reset();
    testing.sandbox.reset();
    receiver.received.length = 0;
  });

  it('simulates exactly the causes core lists for each provider', () => {
    for (const provider of ['FACEBOOK', 'GOOGLE'] as const) {
      expect([...h.sandbox.causes(provider)].sort()).toEqual([...causesForProvider(provider)].sort());
    }
  });

  describe('Facebook', () => {
    let userId: string;
    let token: string;
    beforeEach(async () => {
      userId = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Fb User' }).userId;
      h.sandbox.addAdAccount(userId, 'Main');
      token = await facebookToken(h, userId, 'email,ads_read,ads_management', true);
    });
    const graph = async (path: string) => answer(await h.call(`/facebook/v19.0${path}${path.includes('?') ? '&' : '?'}access_token=${token}`));
    const debug = async () => answer(await h.call(`/facebook/v19.0/debug_token?input_token=${token}&access_token=${FB_APP.appId}|${FB_APP.appSecret}`));
    const classify = (r: Awaited<ReturnType<typeof answer>>) =>
      classifyProviderResponse('FACEBOOK', { ...r, now: h.sandbox.clock.now(), requiredScopes: FB_REQUIRED });

    it('a live token classifies as valid, both on a Graph call and on debug_token', async () => {
      expect(classify(await graph('/me/adaccounts')).outcome).toBe('valid');
      expect(classify(await debug())).toMatchObject({ outcome: 'valid', expiresAt: expect.any(Date) });
    });

    it.each(['TOKEN_EXPIRED', 'PASSWORD_CHANGED', 'APP_DEAUTHORIZED', 'SECURITY_CHECKPOINT', 'SESSION_INVALIDATED'])(
      '%s: the Graph error and debug_token both classify as the cause',
      async (cause) => {
        await h.sandbox.invalidate(userId, cause);
        expect(classify(await graph('/me'))).toEqual({ outcome: 'invalid', cause });
        expect(classify(await debug())).toEqual({ outcome: 'invalid', cause });
      },
    );

    it('PERMISSIONS_CHANGED: the ads call (#200) and debug_token (scope gone) classify as the cause', async () => {
      await h.sandbox.invalidate(userId, 'PERMISSIONS_CHANGED');
      expect(classify(await graph('/me/adaccounts'))).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
      expect(classify(await debug())).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
    });

    it('DATA_ACCESS_EXPIRED: debug_token (data_access_expires_at passed) classifies as the cause', async () => {
      await h.sandbox.invalidate(userId, 'DATA_ACCESS_EXPIRED');
      expect(classify(await debug())).toEqual({ outcome: 'invalid', cause: 'DATA_ACCESS_EXPIRED' });
    });

    it('APP_DEAUTHORIZED: the pushed deauthorize payload classifies as the cause', async () => {
      const result = await h.sandbox.invalidate(userId, 'APP_DEAUTHORIZED');
      const event = classifySecurityEvent('FACEBOOK', result.notices[0]!.decoded);
      expect(event).toMatchObject({ outcome: 'invalid', cause: 'APP_DEAUTHORIZED' });
    });

    it('injected faults are transient, never a cause', async () => {
      h.sandbox.injectFault('FACEBOOK', 'http500', 1);
      h.sandbox.injectFault('FACEBOOK', 'rateLimit', 3);
      for (const path of ['/me', '/me', '/me/adaccounts']) expect(classify(await graph(path)).outcome).toBe('transient');
      expect(classify(await debug()).outcome).toBe('transient');
    });
  });

  describe('Google', () => {
    let userId: string;
    let customerId: string;
    beforeEach(() => {
      userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'G User' }).userId;
      customerId = h.sandbox.addAdAccount(userId, 'Main').accountId;
    });
    const classify = (r: { status: number; body: unknown; headers?: Record<string, string> }, now = h.sandbox.clock.now()) =>
      classifyProviderResponse('GOOGLE', { ...r, now, requiredScopes: ADWORDS });
    const refresh = async (sandbox: Harness, refreshToken: string) => {
      const r = await refreshGoogle(sandbox, refreshToken);
      return { status: r.status, body: r.body };
    };
    const customer = async (token: string) =>
      answer(await h.call(`/google/ads/v17/customers/${customerId}`, { headers: { authorization: `Bearer ${token}` } }));
    /** What a client knows about a grant when its refresh fails: the refinement context. */
    const refine = (body: { error?: string; error_subtype?: string; error_description?: string }, known: Record<string, unknown>, now: Date) =>
      refineGoogleInvalidGrant({ now, error: body.error, errorSubtype: body.error_subtype, errorDescription: body.error_description, ...known });

    it('a live grant classifies as valid on refresh and on the Ads API', async () => {
      const tokens = await googleTokens(h, userId);
      expect(classify(await refresh(h, tokens.refresh_token!)).outcome).toBe('valid');
      expect(classify(await customer(tokens.access_token)).outcome).toBe('valid');
    });

    it.each(['SESSION_INVALIDATED', 'ADMIN_POLICY', 'ACCESS_REVOKED'])('%s: the refresh answer alone classifies as the cause', async (cause) => {
      const tokens = await googleTokens(h, userId);
      await h.sandbox.invalidate(userId, cause);
      expect(classify(await refresh(h, tokens.refresh_token!))).toEqual({ outcome: 'invalid', cause });
    });

    it('PERMISSIONS_CHANGED: the Ads API answer classifies as the cause', async () => {
      const tokens = await googleTokens(h, userId);
      await h.sandbox.invalidate(userId, 'PERMISSIONS_CHANGED');
      expect(classify(await customer(tokens.access_token))).toEqual({ outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' });
    });

    it.each(['SESSION_INVALIDATED', 'APP_DEAUTHORIZED', 'ACCOUNT_DISABLED'])(
      '%s: the pushed RISC event classifies as the cause, and explains the refresh failure',
      async (cause) => {
        const tokens = await googleTokens(h, userId);
        const result = await h.sandbox.invalidate(userId, cause);
        const jwt = result.notices[0]!.payload;
        expect(classifySecurityEvent('GOOGLE', decodeJwt(jwt))).toMatchObject({ outcome: 'invalid', cause });
        // The refresh answer is Google's ambiguous invalid_grant (or invalid_rapt); a client that
        // saw the event just before refines it to the event's cause.
        const failed = await refresh(h, tokens.refresh_token!);
        expect(classify(failed).outcome).toBe('invalid');
        const at = new Date(Number(decodeJwt(jwt).iat) * 1000);
        expect(refine(failed.body, { recentSecurityEvent: { cause, at } }, h.sandbox.clock.now())).toBe(cause);
      },
    );

    it('ACCOUNT_DISABLED: the Ads API answer for a live access token classifies as the cause', async () => {
      const tokens = await googleTokens(h, userId);
      await h.sandbox.invalidate(userId, 'ACCOUNT_DISABLED');
      expect(classify(await customer(tokens.access_token))).toEqual({ outcome: 'invalid', cause: 'ACCOUNT_DISABLED' });
    });

    it('TOKEN_EXPIRED (time-based access ran out): invalid_grant, refined with the refresh_token_expires_in the client stored', async () => {
      const id = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Timed', timeBasedAccessSeconds: 3600 * 24 }).userId;
      const issued = h.sandbox.clock.now();
      const tokens = await googleTokens(h, id);
      const valid = classify({ status: 200, body: tokens, headers: {} }, issued);
      expect(valid).toMatchObject({ outcome: 'valid', refreshTokenExpiresAt: expect.any(Date) });
      h.sandbox.clock.advance(3600 * 24);
      const failed = await refresh(h, tokens.refresh_token!);
      expect(classify(failed)).toEqual({ outcome: 'invalid', cause: 'ACCESS_REVOKED' });
      const refreshTokenExpiresAt = valid.outcome === 'valid' ? valid.refreshTokenExpiresAt : undefined;
      expect(refine(failed.body, { refreshTokenExpiresAt, tokenIssuedAt: issued }, h.sandbox.clock.now())).toBe('TOKEN_EXPIRED');
    });

    it('TESTING_APP_EXPIRY: invalid_grant 7 days after issue, refined with the client being in testing mode', async () => {
      const id = testing.sandbox.createUser({ provider: 'GOOGLE', name: 'Tester' }).userId;
      const issued = testing.sandbox.clock.now();
      const tokens = await googleTokens(testing, id);
      testing.sandbox.clock.advance(7 * 86400);
      const failed = await refresh(testing, tokens.refresh_token!);
      expect(classify(failed, testing.sandbox.clock.now())).toEqual({ outcome: 'invalid', cause: 'ACCESS_REVOKED' });
      expect(refine(failed.body, { clientInTestingMode: true, tokenIssuedAt: issued, lastSuccessfulUseAt: issued }, testing.sandbox.clock.now())).toBe(
        'TESTING_APP_EXPIRY',
      );
    });

    it('REFRESH_TOKEN_UNUSED: invalid_grant after six months unused, refined with the last successful use', async () => {
      const tokens = await googleTokens(h, userId);
      const lastUse = h.sandbox.clock.now();
      h.sandbox.clock.advance(182 * 86400);
      const failed = await refresh(h, tokens.refresh_token!);
      expect(refine(failed.body, { tokenIssuedAt: lastUse, lastSuccessfulUseAt: lastUse, clientInTestingMode: false }, h.sandbox.clock.now())).toBe(
        'REFRESH_TOKEN_UNUSED',
      );
    });

    it('TOKEN_LIMIT_EXCEEDED: the oldest of 101 grants fails, refined with the 100 newer grants the client holds', async () => {
      const oldest = (await googleTokens(h, userId)).refresh_token!;
      for (let i = 0; i < 100; i += 1) await googleTokens(h, userId);
      const failed = await refresh(h, oldest);
      expect(classify(failed)).toEqual({ outcome: 'invalid', cause: 'ACCESS_REVOKED' });
      expect(refine(failed.body, { newerGrantsForAccount: 100, lastSuccessfulUseAt: h.sandbox.clock.now() }, h.sandbox.clock.now())).toBe(
        'TOKEN_LIMIT_EXCEEDED',
      );
    });

    it('control-triggered time-based causes answer the same invalid_grant (Google does not say which)', async () => {
      for (const cause of ['TOKEN_EXPIRED', 'TESTING_APP_EXPIRY', 'REFRESH_TOKEN_UNUSED', 'TOKEN_LIMIT_EXCEEDED']) {
        const tokens = await googleTokens(h, userId);
        await h.sandbox.invalidate(userId, cause);
        expect((await refresh(h, tokens.refresh_token!)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      }
    });

    it('OAUTH_TOKEN_EXPIRED and injected faults are transient, never a cause', async () => {
      const tokens = await googleTokens(h, userId);
      h.sandbox.clock.advance(3600);
      expect(classify(await customer(tokens.access_token)).outcome).toBe('transient');
      h.sandbox.injectFault('GOOGLE', 'http500', 1);
      h.sandbox.injectFault('GOOGLE', 'rateLimit', 2);
      expect(classify(await customer(tokens.access_token)).outcome).toBe('transient');
      expect(classify(await customer(tokens.access_token)).outcome).toBe('transient');
      expect(classify(await refresh(h, tokens.refresh_token!)).outcome).toBe('transient');
    });
  });
});
