import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookToken } from '../test-support/flows.js';
import { FB_APP, json, startHarness, type Harness } from '../test-support/harness.js';
import { startReceiver } from '../test-support/receiver.js';

/** Verifies a signed_request the way an app must: HMAC-SHA256 over the payload part as sent. */
function verifySignedRequest(signed: string, secret: string): Record<string, unknown> {
  const [signature = '', payload = ''] = signed.split('.');
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

const KILLED = [
  ['PASSWORD_CHANGED', 460, /changed their password/],
  ['APP_DEAUTHORIZED', 458, /has not authorized application 1234567890123456/],
  ['SECURITY_CHECKPOINT', 459, /log in to www\.facebook\.com/],
  ['SESSION_INVALIDATED', 467, /user logged out/],
] as const;

describe('Facebook invalidation', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let userId: string;
  let token: string;
  beforeAll(async () => {
    receiver = await startReceiver(200, { url: 'https://app.example/deletion?id=abc', confirmation_code: 'abc' });
    h = await startHarness({
      facebook: { ...FB_APP, deauthorizeCallbackUrl: `${receiver.url}/webhooks/facebook/deauthorize`, dataDeletionCallbackUrl: `${receiver.url}/deletion` },
    });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });
  beforeEach(async () => {
    h.sandbox.reset();
    receiver.received.length = 0;
    userId = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Ada' }).userId;
    h.sandbox.addAdAccount(userId, 'Main');
    token = await facebookToken(h, userId, 'email,ads_read,ads_management', true);
  });

  const me = async (t = token) => {
    const res = await h.call(`/facebook/v19.0/me?access_token=${t}`);
    return { status: res.status, body: await json(res), headers: res.headers };
  };
  const debug = async (t = token) =>
    (await json(await h.call(`/facebook/v19.0/debug_token?input_token=${t}&access_token=${FB_APP.appId}|${FB_APP.appSecret}`))).data;

  it.each(KILLED)('%s kills every token with 190/%i', async (cause, subcode, message) => {
    const { status, body } = await h.control(`/users/${userId}/invalidate`, { cause });
    expect(status).toBe(200);
    expect(body).toMatchObject({ userId, cause, tokensAffected: 2 });
    const answer = await me();
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: subcode, message: expect.stringMatching(message) });
    expect(answer.body.error.fbtrace_id).toEqual(expect.any(String));
    expect(answer.headers.get('www-authenticate')).toContain('"invalid_token"');
    const data = await debug();
    expect(data).toMatchObject({ is_valid: false, error: { code: 190, subcode } });
    // A new consent gives a token that works again.
    expect((await me(await facebookToken(h, userId))).status).toBe(200);
  });

  it('TOKEN_EXPIRED: 190/463 and expires_at in the past', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'TOKEN_EXPIRED' });
    expect((await me()).body.error).toMatchObject({ code: 190, error_subcode: 463 });
    const data = await debug();
    expect(data.is_valid).toBe(false);
    expect(data.expires_at).toBeLessThanOrEqual(Math.floor(h.sandbox.clock.now().getTime() / 1000));
  });

  it('expires on its own after 60 days of sandbox clock', async () => {
    h.sandbox.clock.advance(60 * 86400 + 1);
    expect((await me()).body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('PERMISSIONS_CHANGED: ads calls get (#200), the scopes drop, and only auth_type=rerequest asks again', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'PERMISSIONS_CHANGED' });
    expect((await me()).status).toBe(200);
    const accounts = await h.call(`/facebook/v19.0/me/adaccounts?access_token=${token}`);
    expect(accounts.status).toBe(403);
    expect((await json(accounts)).error).toMatchObject({ code: 200, type: 'OAuthException' });
    const data = await debug();
    expect(data.is_valid).toBe(true);
    expect(data.scopes).not.toContain('ads_read');
    const again = await facebookToken(h, userId);
    expect((await debug(again)).scopes).not.toContain('ads_read');
    const q = new URLSearchParams({ client_id: FB_APP.appId, redirect_uri: 'http://127.0.0.1:9/cb', scope: 'ads_read', login_hint: userId, auth_type: 'rerequest' });
    await h.call(`/facebook/dialog/oauth?${q}`);
    expect((await debug(again)).scopes).toContain('ads_read');
  });

  it('DATA_ACCESS_EXPIRED: Graph calls fail with 190/493, debug_token shows data_access_expires_at passed', async () => {
    await h.control(`/users/${userId}/invalidate`, { cause: 'DATA_ACCESS_EXPIRED' });
    expect((await me()).body.error).toMatchObject({ code: 190, error_subcode: 493 });
    const data = await debug();
    expect(data.data_access_expires_at).toBeLessThanOrEqual(Math.floor(h.sandbox.clock.now().getTime() / 1000));
  });

  it('APP_DEAUTHORIZED pushes a signed_request that verifies with the app secret', async () => {
    const before = Math.floor(h.sandbox.clock.now().getTime() / 1000);
    const { body } = await h.control<{ notices: Array<{ status: number; decoded: Record<string, unknown> }> }>(`/users/${userId}/invalidate`, {
      cause: 'APP_DEAUTHORIZED',
    });
    expect(body.notices).toHaveLength(1);
    expect(body.notices[0]!.status).toBe(200);
    expect(receiver.received).toHaveLength(1);
    const push = receiver.received[0]!;
    expect(push.path).toBe('/webhooks/facebook/deauthorize');
    expect(push.contentType).toContain('application/x-www-form-urlencoded');
    const signed = new URLSearchParams(push.body).get('signed_request')!;
    const payload = verifySignedRequest(signed, FB_APP.appSecret);
    const after = Math.floor(h.sandbox.clock.now().getTime() / 1000);
    expect(payload).toEqual({ algorithm: 'HMAC-SHA256', issued_at: expect.any(Number), user_id: userId });
    // The sandbox clock's time of the event, to the second (a slow machine may cross a second boundary).
    expect(payload.issued_at).toBeGreaterThanOrEqual(before);
    expect(payload.issued_at).toBeLessThanOrEqual(after);
    expect(() => verifySignedRequest(signed, 'another-secret')).toThrow('bad signature');
  });

  it('refuses an unknown cause, listing the valid ones', async () => {
    const { status, body } = await h.control<{ error: string }>(`/users/${userId}/invalidate`, { cause: 'ACCOUNT_DISABLED' });
    expect(status).toBe(400);
    expect(body.error).toContain('valid causes: TOKEN_EXPIRED, DATA_ACCESS_EXPIRED, PASSWORD_CHANGED');
    expect((await h.control(`/users/nobody/invalidate`, { cause: 'TOKEN_EXPIRED' })).status).toBe(404);
  });

  it('sends a data deletion request the same way and returns the app\'s {url, confirmation_code}', async () => {
    const { status, body } = await h.control<{ notice: { status: number; response: unknown } }>(`/users/${userId}/data-deletion`, {});
    expect(status).toBe(200);
    expect(body.notice).toMatchObject({ status: 200, response: { url: 'https://app.example/deletion?id=abc', confirmation_code: 'abc' } });
    const push = receiver.received[0]!;
    expect(push.path).toBe('/deletion');
    expect(verifySignedRequest(new URLSearchParams(push.body).get('signed_request')!, FB_APP.appSecret)).toMatchObject({ user_id: userId });
  });
});
