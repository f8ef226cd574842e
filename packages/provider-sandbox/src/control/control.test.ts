import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../createSandbox.js';
import { sandboxEndpoints } from '../endpoints.js';
import { FB_APP, GOOGLE_CLIENT, startHarness, type Harness } from '../test-support/harness.js';

describe('control endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates users and ad accounts, lists them, and resets', async () => {
    h.sandbox.reset();
    const fb = await h.control<{ userId: string }>('/users', { provider: 'FACEBOOK', name: 'Ada', email: 'ada@example.com' });
    expect(fb.status).toBe(200);
    expect(fb.body.userId).toMatch(/^\d{17}$/);
    const g = await h.control<{ userId: string }>('/users', { provider: 'google', name: 'Grace' });
    expect(g.body.userId).toMatch(/^1\d{20}$/);
    const act = await h.control<{ accountId: string }>(`/users/${fb.body.userId}/ad-accounts`, { name: 'Shop' });
    expect(act.body.accountId).toMatch(/^act_\d+$/);
    const customer = await h.control<{ accountId: string }>(`/users/${g.body.userId}/ad-accounts`, { name: 'Shop' });
    expect(customer.body.accountId).toMatch(/^\d{10}$/);
    const list = await h.control<{ users: Array<{ userId: string; email: string; adAccounts: unknown[] }> }>('/users');
    expect(list.body.users).toHaveLength(2);
    expect(list.body.users[0]).toMatchObject({ userId: fb.body.userId, email: 'ada@example.com', adAccounts: [{ name: 'Shop' }] });
    expect(await h.control('/reset', {})).toEqual({ status: 200, body: { ok: true } });
    expect((await h.control<{ users: unknown[] }>('/users')).body.users).toEqual([]);
  });

  it('refuses bad input with 400 and a message that says what is wrong', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['/users', { provider: 'MYSPACE', name: 'x' }, /provider must be "FACEBOOK" or "GOOGLE"/],
      ['/users', { provider: 'FACEBOOK' }, /name must be a non-empty string/],
      ['/users', { provider: 'FACEBOOK', name: 'x', email: 'nope' }, /is not an email address/],
      ['/faults', { provider: 'FACEBOOK', kind: 'meteor', count: 1 }, /kind must be one of http500, timeout, rateLimit/],
      ['/faults', { provider: 'GOOGLE', kind: 'http500', count: 0 }, /count must be a positive integer/],
      ['/clock', { advanceSeconds: -5 }, /advanceSeconds must be a non-negative integer/],
    ];
    for (const [path, body, message] of cases) {
      const res = await h.control<{ error: string }>(path, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatch(message);
    }
    const raw = await h.call('/control/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: 'the body must be valid JSON' });
    expect((await h.control('/users/000/ad-accounts', { name: 'x' })).status).toBe(404);
    expect((await h.control('/nowhere', {})).status).toBe(404);
  });

  it('moves the clock and queues faults', async () => {
    const before = new Date((await h.control<{ now: string }>('/clock')).body.now).getTime();
    const after = await h.control<{ now: string }>('/clock', { advanceSeconds: 86400 });
    expect(new Date(after.body.now).getTime() - before).toBeGreaterThanOrEqual(86400_000);
    expect((await h.control('/faults', { provider: 'GOOGLE', kind: 'rateLimit', count: 2 })).body).toEqual({
      provider: 'GOOGLE',
      kind: 'rateLimit',
      count: 2,
      pending: 2,
    });
    h.sandbox.reset();
  });

  it('is deterministic for a seed', () => {
    const make = () => createSandbox({ publicUrl: 'http://localhost:4000/sandbox/', seed: 42, facebook: FB_APP, google: GOOGLE_CLIENT });
    const a = make();
    const b = make();
    expect(a.publicUrl).toBe('http://localhost:4000/sandbox');
    for (const provider of ['FACEBOOK', 'GOOGLE'] as const) {
      expect(a.createUser({ provider, name: 'Same' }).userId).toBe(b.createUser({ provider, name: 'Same' }).userId);
    }
    expect(() => createSandbox({ publicUrl: 'not a url' })).toThrow(/publicUrl must be an absolute URL/);
  });

  it('lays out the provider URLs under publicUrl', () => {
    expect(sandboxEndpoints('http://localhost:4000/sandbox')).toEqual({
      facebook: {
        authorizationURL: 'http://localhost:4000/sandbox/facebook/v19.0/dialog/oauth',
        tokenURL: 'http://localhost:4000/sandbox/facebook/v19.0/oauth/access_token',
        profileURL: 'http://localhost:4000/sandbox/facebook/v19.0/me',
        graphApiBaseURL: 'http://localhost:4000/sandbox/facebook/v19.0',
      },
      google: {
        authorizationURL: 'http://localhost:4000/sandbox/google/o/oauth2/v2/auth',
        tokenURL: 'http://localhost:4000/sandbox/google/token',
        userProfileURL: 'http://localhost:4000/sandbox/google/oauth2/v3/userinfo',
        tokenInfoURL: 'http://localhost:4000/sandbox/google/oauth2/v3/tokeninfo',
        revokeURL: 'http://localhost:4000/sandbox/google/revoke',
        adsApiBaseURL: 'http://localhost:4000/sandbox/google/ads/v17',
        riscConfigurationURL: 'http://localhost:4000/sandbox/google/.well-known/risc-configuration',
      },
    });
  });
});
