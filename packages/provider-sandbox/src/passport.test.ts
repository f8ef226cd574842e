import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import passport from 'passport';
import { Strategy as FacebookStrategy } from 'passport-facebook';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxEndpoints } from './endpoints.js';
import { FB_APP, form, GOOGLE_CLIENT, json, startHarness, type Harness } from './test-support/harness.js';

/** A session-free state store (one-time handles in memory), PKCE-aware, as passport-oauth2 expects. */
class MemoryStateStore {
  private readonly entries = new Map<string, { verifier?: string }>();
  store(_req: unknown, verifier: string | undefined, _state: unknown, _meta: unknown, cb: (err: Error | null, handle?: string) => void) {
    const handle = randomBytes(16).toString('hex');
    this.entries.set(handle, { verifier });
    cb(null, handle);
  }
  verify(_req: unknown, handle: string, cb: (err: Error | null, ok: string | boolean, info?: unknown) => void) {
    const entry = this.entries.get(handle);
    this.entries.delete(handle);
    if (!entry) return cb(null, false, { message: 'Unable to verify authorization request state.' });
    cb(null, entry.verifier ?? true, {});
  }
}

describe('unmodified Passport strategies against the sandbox', () => {
  let h: Harness;
  let app: Server;
  let appUrl: string;
  const errors: any[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const endpoints = sandboxEndpoints(h.url);
    const web = express();
    const server = createServer(web);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = server;
    const auth = new passport.Passport();
    auth.use(
      new FacebookStrategy(
        {
          clientID: FB_APP.appId,
          clientSecret: FB_APP.appSecret,
          callbackURL: `${appUrl}/auth/facebook/callback`,
          authorizationURL: endpoints.facebook.authorizationURL,
          tokenURL: endpoints.facebook.tokenURL,
          profileURL: endpoints.facebook.profileURL,
          profileFields: ['id', 'displayName', 'emails'],
          enableProof: true,
          store: new MemoryStateStore() as any,
        } as any,
        (accessToken: string, refreshToken: string, profile: any, done: any) => done(null, { accessToken, refreshToken, profile }),
      ),
    );
    auth.use(
      new GoogleStrategy(
        {
          clientID: GOOGLE_CLIENT.clientId,
          clientSecret: GOOGLE_CLIENT.clientSecret,
          callbackURL: `${appUrl}/auth/google/callback`,
          authorizationURL: endpoints.google.authorizationURL,
          tokenURL: endpoints.google.tokenURL,
          userProfileURL: endpoints.google.userProfileURL,
          pkce: true,
          state: true,
          store: new MemoryStateStore() as any,
        } as any,
        (accessToken: string, refreshToken: string, profile: any, done: any) => done(null, { accessToken, refreshToken, profile }),
      ),
    );
    web.use(auth.initialize());
    web.get('/auth/facebook', auth.authenticate('facebook', { session: false, scope: ['email', 'ads_read', 'ads_management'] }));
    web.get('/auth/google', (req, res, next) =>
      auth.authenticate('google', {
        session: false,
        scope: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/adwords'],
        accessType: 'offline',
        prompt: 'consent',
        loginHint: String(req.query.login_hint ?? ''),
      } as any)(req, res, next),
    );
    for (const provider of ['facebook', 'google']) {
      web.get(`/auth/${provider}/callback`, (req, res, next) =>
        auth.authenticate(provider, { session: false }, (err: any, user: any, info: any) => {
          if (err) {
            errors.push(err);
            return res.status(500).json({ name: err.name, message: err.message, code: err.code, subcode: err.subcode });
          }
          if (!user) return res.status(401).json({ failed: true, info });
          res.json(user);
        })(req, res, next),
      );
    }
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => app.close(() => resolve()));
    await h.close();
  });
  beforeEach(() => {
    h.sandbox.reset();
    errors.length = 0;
  });

  const get = (url: string) => fetch(url, { redirect: 'manual' });

  it('Facebook: start → chooser → Allow → callback → token → profile', async () => {
    const userId = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Hedy Lamarr', email: 'hedy@example.com' }).userId;
    const start = await get(`${appUrl}/auth/facebook`);
    expect(start.status).toBe(302);
    const dialog = new URL(start.headers.get('location')!);
    expect(dialog.toString().startsWith(sandboxEndpoints(h.url).facebook.authorizationURL)).toBe(true);
    expect(dialog.searchParams.get('scope')).toBe('email,ads_read,ads_management');
    const page = await (await get(dialog.toString())).text();
    expect(page).toContain('Hedy Lamarr');
    const allow = await fetch(dialog.origin + dialog.pathname, {
      ...form({ ...Object.fromEntries(dialog.searchParams), decision: 'allow', user_id: userId }),
      redirect: 'manual',
    });
    const callback = allow.headers.get('location')!;
    expect(callback.startsWith(`${appUrl}/auth/facebook/callback?code=`)).toBe(true);
    const done = await get(callback);
    const body = await json(done);
    expect(done.status).toBe(200);
    expect(body.accessToken).toMatch(/^EAA/);
    expect(body.profile).toMatchObject({ provider: 'facebook', id: userId, displayName: 'Hedy Lamarr', emails: [{ value: 'hedy@example.com' }] });
    // The same state again is refused by the state store; the same code with a fresh state is
    // refused by the sandbox, and passport-facebook surfaces Facebook's error.
    expect(await json(await get(callback))).toMatchObject({ failed: true });
    const fresh = new URL((await get(`${appUrl}/auth/facebook`)).headers.get('location')!).searchParams.get('state')!;
    const replay = await json(await get(callback.replace(/state=[^&#]+/, `state=${fresh}`)));
    expect(replay).toMatchObject({ name: 'FacebookTokenError', code: 100, subcode: 36009, message: 'This authorization code has been used.' });
  });

  it('Facebook: Cancel comes back as a Passport failure (access_denied)', async () => {
    h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Someone' });
    const dialog = new URL((await get(`${appUrl}/auth/facebook`)).headers.get('location')!);
    const cancel = await fetch(dialog.origin + dialog.pathname, { ...form({ ...Object.fromEntries(dialog.searchParams), decision: 'cancel' }), redirect: 'manual' });
    const done = await get(cancel.headers.get('location')!);
    expect(done.status).toBe(401);
    expect(await json(done)).toMatchObject({ failed: true, info: { message: 'Permissions error' } });
  });

  it('Facebook: a token-endpoint error becomes FacebookTokenError with code and subcode', async () => {
    const userId = h.sandbox.createUser({ provider: 'FACEBOOK', name: 'Late' }).userId;
    const dialog = new URL((await get(`${appUrl}/auth/facebook`)).headers.get('location')!);
    const allow = await fetch(dialog.origin + dialog.pathname, { ...form({ ...Object.fromEntries(dialog.searchParams), decision: 'allow', user_id: userId }), redirect: 'manual' });
    h.sandbox.clock.advance(15 * 60);
    const done = await get(allow.headers.get('location')!);
    expect(await json(done)).toMatchObject({ name: 'FacebookTokenError', code: 100, subcode: 36007, message: 'This authorization code has expired.' });
  });

  it('Google: start (PKCE, offline, login_hint) → consent → callback → tokens → OpenID profile', async () => {
    const userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Radia Perlman', email: 'radia@example.com' }).userId;
    const start = await get(`${appUrl}/auth/google?login_hint=${userId}`);
    const consent = new URL(start.headers.get('location')!);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('access_type')).toBe('offline');
    const back = await get(consent.toString());
    const callback = back.headers.get('location')!;
    expect(callback.startsWith(`${appUrl}/auth/google/callback?`)).toBe(true);
    const done = await get(callback);
    const body = await json(done);
    expect(done.status).toBe(200);
    expect(body.accessToken).toMatch(/^ya29\./);
    expect(body.refreshToken).toMatch(/^1\/\//);
    expect(body.profile).toMatchObject({
      provider: 'google',
      id: userId,
      displayName: 'Radia Perlman',
      name: { givenName: 'Radia', familyName: 'Perlman' },
      emails: [{ value: 'radia@example.com', verified: true }],
    });
  });

  it('Google: a PKCE verifier that does not match is refused with invalid_grant', async () => {
    const userId = h.sandbox.createUser({ provider: 'GOOGLE', name: 'Eve' }).userId;
    const consent = new URL((await get(`${appUrl}/auth/google?login_hint=${userId}`)).headers.get('location')!);
    // Same flow, but the code is redeemed by a second authorization's state (another verifier).
    const code = new URL((await get(consent.toString())).headers.get('location')!).searchParams.get('code')!;
    const other = new URL((await get(`${appUrl}/auth/google?login_hint=${userId}`)).headers.get('location')!);
    const done = await get(`${appUrl}/auth/google/callback?code=${encodeURIComponent(code)}&state=${other.searchParams.get('state')}`);
    expect(await json(done)).toMatchObject({ name: 'TokenError', code: 'invalid_grant', message: 'Invalid code verifier.' });
  });
});
