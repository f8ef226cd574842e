import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_SCOPE, googleTokens, REDIRECT, refreshGoogle } from '../test-support/flows.js';
import { form, GOOGLE_CLIENT, json, startHarness, type Harness } from '../test-support/harness.js';

describe('Google consent and token endpoint', () => {
  let h: Harness;
  let userId: string;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sandbox.reset();
    userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Katherine Johnson', email: 'katherine@example.com' }).userId;
  });

  const verifier = 'v'.repeat(43);
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  async function consent(extra: Record<string, string> = {}): Promise<URL> {
    const q = new URLSearchParams({
      client_id: GOOGLE_CLIENT.clientId,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: GOOGLE_SCOPE,
      access_type: 'offline',
      login_hint: 'katherine@example.com',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    const res = await h.call(`/google/o/oauth2/v2/auth?${q}`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  async function exchange(code: string, overrides: Record<string, string | undefined> = {}) {
    const values: Record<string, string> = {};
    const all = { grant_type: 'authorization_code', client_id: GOOGLE_CLIENT.clientId, client_secret: GOOGLE_CLIENT.clientSecret, redirect_uri: REDIRECT, code, code_verifier: verifier, ...overrides };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) values[k] = v;
    const res = await h.call('/google/token', form(values));
    return { status: res.status, body: await json(res) };
  }

  it('signs in by login_hint, enforces PKCE S256 and returns ya29 / 1// tokens and a verifiable id_token', async () => {
    const back = await consent();
    expect(back.searchParams.get('state')).toBe('st');
    expect(back.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/userinfo.email');
    const { status, body } = await exchange(back.searchParams.get('code')!);
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
    expect(body.access_token).toMatch(/^ya29\.[\w-]{100,}$/);
    expect(body.refresh_token).toMatch(/^1\/\/0[\w-]{50,}$/);
    const jwks = createRemoteJWKSet(new URL(h.sandbox.jwksUrl));
    const { payload } = await jwtVerify(body.id_token, jwks, { issuer: `${h.url}/google`, audience: GOOGLE_CLIENT.clientId });
    expect(payload).toMatchObject({ sub: userId, email: 'katherine@example.com', email_verified: true, name: 'Katherine Johnson' });
  });

  it('gives bad input the errors Google gives', async () => {
    const code = (await consent()).searchParams.get('code')!;
    expect(await exchange(code, { client_id: 'nope.apps.googleusercontent.com' })).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
    });
    expect(await exchange(code, { client_secret: 'wrong' })).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } });
    expect(await exchange('garbage')).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' } });
    expect(await exchange(code, { redirect_uri: 'http://127.0.0.1:9/elsewhere' })).toEqual({
      status: 400,
      body: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' },
    });
    expect(await exchange(code, { code_verifier: 'w'.repeat(43) })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } });
    expect(await exchange(code, { code_verifier: undefined })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Missing code verifier.' } });
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } });
    const late = (await consent()).searchParams.get('code')!;
    h.sandbox.clock.advance(11 * 60);
    expect(await exchange(late)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } });
    expect((await exchange(code, { grant_type: 'password' })).body).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' });
  });

  it('answers the consent page for unknown clients with an error page, and Cancel with access_denied', async () => {
    const bad = await h.call(`/google/o/oauth2/v2/auth?${new URLSearchParams({ client_id: 'x', redirect_uri: REDIRECT, response_type: 'code', scope: 'email' })}`);
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('invalid_client');
    const q = new URLSearchParams({ client_id: GOOGLE_CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'email', state: 'c1' });
    const page = await h.call(`/google/o/oauth2/v2/auth?${q}`);
    expect(await page.text()).toContain('Katherine Johnson');
    const cancel = await h.call('/google/o/oauth2/v2/auth', form({ ...Object.fromEntries(q), decision: 'cancel' }));
    expect(Object.fromEntries(new URL(cancel.headers.get('location')!).searchParams)).toEqual({ error: 'access_denied', state: 'c1' });
  });

  it('gives a refresh token only for access_type=offline, and refreshes with it', async () => {
    const online = await exchange((await consent({ access_type: 'online' })).searchParams.get('code')!);
    expect(online.body.refresh_token).toBeUndefined();
    const offline = await googleTokens(h, userId);
    const refreshed = await refreshGoogle(h, offline.refresh_token!);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).toMatch(/^ya29\./);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect(await refreshGoogle(h, '1//0nonexistent')).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
  });

  it('serves userinfo, tokeninfo and revoke', async () => {
    const tokens = await googleTokens(h, userId);
    const info = await h.call('/google/oauth2/v3/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await json(info)).toEqual({
      sub: userId,
      name: 'Katherine Johnson',
      given_name: 'Katherine',
      family_name: 'Johnson',
      picture: expect.stringContaining('/google/picture/'),
      email: 'katherine@example.com',
      email_verified: true,
    });
    const ti = await json(await h.call(`/google/oauth2/v3/tokeninfo?access_token=${tokens.access_token}`));
    expect(ti).toMatchObject({ aud: GOOGLE_CLIENT.clientId, azp: GOOGLE_CLIENT.clientId, sub: userId, expires_in: expect.stringMatching(/^35\d\d$/), access_type: 'offline' });
    expect(ti.scope).toContain('https://www.googleapis.com/auth/adwords');
    expect((await h.call(`/google/revoke?token=${tokens.access_token}`, { method: 'POST' })).status).toBe(200);
    expect((await refreshGoogle(h, tokens.refresh_token!)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    const dead = await h.call(`/google/oauth2/v3/tokeninfo?access_token=${tokens.access_token}`);
    expect([dead.status, await json(dead)]).toEqual([400, { error: 'invalid_token', error_description: 'Invalid Value' }]);
    const deadInfo = await h.call('/google/oauth2/v3/userinfo', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(deadInfo.status).toBe(401);
    expect((await h.call(`/google/revoke?token=${tokens.access_token}`, { method: 'POST' })).status).toBe(400);
  });

  it('prompt=none answers at once for a granted user, with login_required / consent_required otherwise', async () => {
    const base = { client_id: GOOGLE_CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'email', state: 'n', prompt: 'none' };
    const ask = async (extra: Record<string, string>) =>
      Object.fromEntries(new URL((await h.call(`/google/o/oauth2/v2/auth?${new URLSearchParams({ ...base, ...extra })}`)).headers.get('location')!).searchParams);
    expect(await ask({})).toEqual({ error: 'login_required', state: 'n' });
    expect(await ask({ login_hint: userId })).toEqual({ error: 'consent_required', state: 'n' });
    await consent({ scope: 'email' });
    expect(await ask({ login_hint: userId })).toMatchObject({ code: expect.stringMatching(/^4\/0A/), state: 'n' });
  });

  it('include_granted_scopes adds the scopes granted before', async () => {
    await consent({ scope: 'email' });
    const back = await consent({ scope: 'https://www.googleapis.com/auth/adwords', include_granted_scopes: 'true' });
    const { body } = await exchange(back.searchParams.get('code')!);
    expect(body.scope.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/adwords', 'https://www.googleapis.com/auth/userinfo.email']);
  });
});
