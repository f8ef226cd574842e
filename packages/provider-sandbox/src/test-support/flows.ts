import { createHash, randomBytes } from 'node:crypto';
import { FB_APP, form, GOOGLE_CLIENT, json, type Harness } from './harness.js';

export const REDIRECT = 'http://127.0.0.1:9/callback';

/** Dialog with login_hint → code → token, over HTTP; `long` also exchanges for a 60-day token. */
export async function facebookToken(h: Harness, userId: string, scope = 'email,ads_read,ads_management', long = false): Promise<string> {
  const q = new URLSearchParams({ client_id: FB_APP.appId, redirect_uri: REDIRECT, scope, login_hint: userId, state: 's' });
  const back = new URL((await h.call(`/facebook/v19.0/dialog/oauth?${q}`)).headers.get('location')!);
  const code = back.searchParams.get('code')!;
  const res = await json(
    await h.call('/facebook/v19.0/oauth/access_token', form({ client_id: FB_APP.appId, client_secret: FB_APP.appSecret, redirect_uri: REDIRECT, code })),
  );
  if (!long) return res.access_token as string;
  const q2 = new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: FB_APP.appId, client_secret: FB_APP.appSecret, fb_exchange_token: res.access_token });
  return (await json(await h.call(`/facebook/v19.0/oauth/access_token?${q2}`))).access_token as string;
}

export const GOOGLE_SCOPE = 'openid email profile https://www.googleapis.com/auth/adwords';

export interface GoogleTokens {
  access_token: string;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  id_token?: string;
  scope: string;
}

/** Consent with login_hint (offline, PKCE S256) → code → tokens, over HTTP. */
export async function googleTokens(h: Harness, userId: string, extra: Record<string, string> = {}): Promise<GoogleTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    client_id: GOOGLE_CLIENT.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: GOOGLE_SCOPE,
    access_type: 'offline',
    prompt: 'consent',
    login_hint: userId,
    state: 'g',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  const back = new URL((await h.call(`/google/o/oauth2/v2/auth?${q}`)).headers.get('location')!);
  const res = await h.call(
    '/google/token',
    form({
      grant_type: 'authorization_code',
      client_id: GOOGLE_CLIENT.clientId,
      client_secret: GOOGLE_CLIENT.clientSecret,
      redirect_uri: REDIRECT,
      code: back.searchParams.get('code')!,
      code_verifier: verifier,
    }),
  );
  return (await json(res)) as GoogleTokens;
}

export async function refreshGoogle(h: Harness, refreshToken: string): Promise<{ status: number; body: ReturnType<typeof JSON.parse> }> {
  const res = await h.call(
    '/google/token',
    form({ grant_type: 'refresh_token', client_id: GOOGLE_CLIENT.clientId, client_secret: GOOGLE_CLIENT.clientSecret, refresh_token: refreshToken }),
  );
  return { status: res.status, body: await json(res) };
}
