import { readdirSync, readFileSync } from 'node:fs';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { facebookToken, googleTokens, refreshGoogle } from './test-support/flows.js';
import { FB_APP, GOOGLE_CLIENT, json, startHarness, type Harness } from './test-support/harness.js';
import { startReceiver } from './test-support/receiver.js';

const FIXTURES = new URL('../../../../shared/fixtures/', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

/** Every key path of a JSON value with the type found there (`error.code:number`, …). */
function shape(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${prefix}:${Array.isArray(value) ? 'array' : typeof value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key));
}

describe('sandbox bodies have the shapes of the real ones in shared/fixtures', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let fbUser: string;
  let token: string;
  beforeAll(async () => {
    receiver = await startReceiver(202);
    h = await startHarness({ google: { ...GOOGLE_CLIENT, riscReceiverUrl: receiver.url } });
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });
  beforeEach(async () => {
    h.sandbox.reset();
    fbUser = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Shape' }).userId;
    h.sandbox.addAdAccount(fbUser, 'Main');
    token = await facebookToken(h, fbUser);
  });
  const graph = async (path: string) => {
    const res = await h.call(`/facebook/v19.0${path}${path.includes('?') ? '&' : '?'}access_token=${token}`);
    return { status: res.status, body: await json(res) };
  };

  it('finds the fixture files it compares against', () => {
    const covered = [
      'facebook-190-460-doc.json',
      'facebook-190-463-expired.json',
      'facebook-2-transient.json',
      'facebook-200-permission.json',
      'facebook-4-app-rate-limit.json',
      'facebook-debug-token-valid.json',
      'google-invalid-grant.json',
      'google-risc-account-disabled.json',
    ];
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))).toEqual(expect.arrayContaining(covered));
  });

  it('190/460: the documented error object (user title/msg are optional there)', async () => {
    await h.sandbox.invalidate(fbUser, 'PASSWORD_CHANGED');
    const doc = fixture('facebook-190-460-doc.json');
    const got = await graph('/me');
    expect(got.status).toBe(doc.status);
    expect(shape(doc.body)).toEqual(expect.arrayContaining(shape(got.body)));
    expect(got.body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 460 });
  });

  it('190/463: same keys and the same wording as a real expired session', async () => {
    h.sandbox.clock.advance(3601);
    const real = fixture('facebook-190-463-expired.json');
    const got = await graph('/me');
    expect(got.status).toBe(real.status);
    expect(shape(got.body)).toEqual(expect.arrayContaining(shape(real.body)));
    expect(got.body.error.message).toMatch(/^Error validating access token: Session has expired on .+\. The current time is .+\.$/);
  });

  it('(#200) permission error, (#4) app rate limit and (#2) transient: same status and body but the trace id', async () => {
    await h.sandbox.invalidate(fbUser, 'PERMISSIONS_CHANGED');
    for (const [name, produce] of [
      ['facebook-200-permission.json', () => graph('/me/adaccounts')],
      [
        'facebook-4-app-rate-limit.json',
        async () => {
          h.sandbox.injectFault('FACEBOOK', 'rateLimit', 1);
          return graph(`/debug_token?input_token=${token}`);
        },
      ],
      [
        'facebook-2-transient.json',
        async () => {
          h.sandbox.injectFault('FACEBOOK', 'http500', 1);
          return graph('/me');
        },
      ],
    ] as const) {
      const real = fixture(name);
      const got = await produce();
      expect(got.status, name).toBe(real.status);
      expect({ ...got.body.error, fbtrace_id: 'x' }, name).toEqual({ ...real.body.error, fbtrace_id: 'x' });
    }
  });

  it('debug_token: every documented data field', async () => {
    const real = fixture('facebook-debug-token-valid.json');
    const res = await h.call(`/facebook/v19.0/debug_token?input_token=${token}&access_token=${FB_APP.appId}|${FB_APP.appSecret}`);
    const got = await json(res);
    expect(shape(got)).toEqual(expect.arrayContaining(shape(real.body)));
  });

  it('Google invalid_grant: the identical body', async () => {
    const real = fixture('google-invalid-grant.json');
    const googleUser = h.sandbox.createUser({ provider: 'GOOGLE', name: 'G' }).userId;
    const tokens = await googleTokens(h, googleUser);
    await h.sandbox.invalidate(googleUser, 'ACCESS_REVOKED');
    expect(await refreshGoogle(h, tokens.refresh_token!)).toEqual({ status: real.status, body: real.body });
  });

  it('RISC account-disabled: the decoded security event token has the documented structure', async () => {
    const real = fixture('google-risc-account-disabled.json');
    const googleUser = h.sandbox.createUser({ provider: 'GOOGLE', name: 'G' }).userId;
    await googleTokens(h, googleUser);
    const result = await h.sandbox.invalidate(googleUser, 'ACCOUNT_DISABLED');
    const decoded = decodeJwt(result.notices[0]!.payload);
    expect(shape(decoded).sort()).toEqual(shape(real.body).sort());
    expect(Object.keys(decoded.events as object)).toEqual(Object.keys(real.body.events));
  });
});
