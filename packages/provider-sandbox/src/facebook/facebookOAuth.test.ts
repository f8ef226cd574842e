import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FB_APP, form, json, startHarness, type Harness } from '../test-support/harness.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

describe('Facebook dialog and token endpoint', () => {
  let h: Harness;
  let userId: string;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    h.sandbox.reset();
    userId = (await h.control<{ userId: string }>('/users', { provider: 'FACEBOOK', name: 'Ada Lovelace' })).body.userId;
  });

  async function authorize(extra: Record<string, string> = {}): Promise<URL> {
    const q = new URLSearchParams({ client_id: FB_APP.appId, redirect_uri: REDIRECT, state: 's1', scope: 'email,ads_read', login_hint: userId, ...extra });
    const res = await h.call(`/facebook/v19.0/dialog/oauth?${q}`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  async function exchange(code: string, overrides: Record<string, string> = {}) {
    const res = await h.call(
      '/facebook/v19.0/oauth/access_token',
      form({ client_id: FB_APP.appId, client_secret: FB_APP.appSecret, redirect_uri: REDIRECT, code, ...overrides }),
    );
    return { status: res.status, body: await json(res), headers: res.headers };
  }

  it('approves at once with login_hint and exchanges the code for an EAA token of about an hour', async () => {
    const back = await authorize();
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('s1');
    const code = back.searchParams.get('code')!;
    const token = await exchange(code);
    expect(token.status).toBe(200);
    expect(token.body.access_token).toMatch(/^EAA[A-Za-z0-9]{100,}$/);
    expect(token.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
  });

  it('shows a chooser without login_hint, and Cancel redirects like the real dialog', async () => {
    const q = new URLSearchParams({ client_id: FB_APP.appId, redirect_uri: REDIRECT, state: 'xyz' });
    const page = await h.call(`/facebook/dialog/oauth?${q}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('value="allow"');
    const cancel = await h.call('/facebook/dialog/oauth', form({ client_id: FB_APP.appId, redirect_uri: REDIRECT, state: 'xyz', decision: 'cancel' }));
    const url = new URL(cancel.headers.get('location')!);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state: 'xyz',
    });
    expect(cancel.headers.get('location')).toContain('error_description=Permissions+error');
    const allow = await h.call('/facebook/dialog/oauth', form({ client_id: FB_APP.appId, redirect_uri: REDIRECT, state: 'xyz', decision: 'allow', user_id: userId }));
    expect(new URL(allow.headers.get('location')!).searchParams.get('code')).toMatch(/^AQ/);
  });

  it('refuses bad input with the real OAuthException bodies', async () => {
    const code = (await authorize()).searchParams.get('code')!;
    const unknownClient = await exchange(code, { client_id: '999' });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.body.error).toMatchObject({ type: 'OAuthException', code: 101, message: 'Error validating application. Invalid application ID.' });
    const wrongSecret = await exchange(code, { client_secret: 'nope' });
    expect(wrongSecret.body.error).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const wrongRedirect = await exchange(code, { redirect_uri: 'http://127.0.0.1:9/other' });
    expect(wrongRedirect.body.error).toMatchObject({ code: 100, error_subcode: 36008 });
    const missingRedirect = await h.call('/facebook/oauth/access_token', form({ client_id: FB_APP.appId, client_secret: FB_APP.appSecret, code }));
    expect((await json(missingRedirect)).error).toMatchObject({ code: 191, message: 'Missing redirect_uri parameter.' });
    const garbage = await exchange('not-a-code');
    expect(garbage.body.error).toMatchObject({ code: 100, message: 'Invalid verification code format.' });
    expect(garbage.headers.get('www-authenticate')).toContain('"invalid_code"');
    expect((await exchange(code)).status).toBe(200);
    const replay = await exchange(code);
    expect(replay.body.error).toMatchObject({ code: 100, error_subcode: 36009, message: 'This authorization code has been used.' });
    const expiredCode = (await authorize()).searchParams.get('code')!;
    h.sandbox.clock.advance(11 * 60);
    const expired = await exchange(expiredCode);
    expect(expired.body.error).toMatchObject({ code: 100, error_subcode: 36007, message: 'This authorization code has expired.' });
    expect(expired.body.error.fbtrace_id).toMatch(/^A[A-Za-z0-9_]{22}$/);
  });

  it('exchanges a live token for a 60-day token, but never an expired one', async () => {
    const short = (await exchange((await authorize()).searchParams.get('code')!)).body.access_token as string;
    const ask = (token: string) =>
      h.call(`/facebook/v19.0/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: FB_APP.appId, client_secret: FB_APP.appSecret, fb_exchange_token: token })}`);
    const long = await json(await ask(short));
    expect(long).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    expect(long.access_token).toMatch(/^EAA/);
    h.sandbox.clock.advance(3601);
    const refused = await ask(short);
    expect(refused.status).toBe(400);
    const body = await json(refused);
    expect(body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 463 });
    expect(body.error.message).toMatch(/^Error validating access token: Session has expired on \w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d P[SD]T\. The current time is/);
    const me = await json(await h.call(`/facebook/v19.0/me?access_token=${long.access_token}`));
    expect(me).toEqual({ name: 'Ada Lovelace', id: userId });
  });
});
