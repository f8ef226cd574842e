/** Real sandbox tokens for monitor tests, minted through the sandbox's own OAuth endpoints. */
export interface SandboxApp {
  appId: string;
  appSecret: string;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`sandbox answered HTTP ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
}

export async function createSandboxUser(sandboxUrl: string, provider: 'FACEBOOK' | 'GOOGLE', name: string): Promise<string> {
  const body = await json(
    await fetch(`${sandboxUrl}/control/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider, name }) }),
  );
  if (typeof body.userId !== 'string') throw new Error(`sandbox refused the user: ${JSON.stringify(body)}`);
  return body.userId;
}

/** dialog (login_hint) → code → token → fb_exchange_token: a real long-lived Facebook user token. */
export async function mintFacebookToken(sandboxUrl: string, app: SandboxApp, userId: string): Promise<string> {
  const base = `${sandboxUrl}/facebook/v19.0`;
  const redirect = 'http://127.0.0.1:9/callback';
  const q = new URLSearchParams({ client_id: app.appId, redirect_uri: redirect, scope: 'email,ads_read,ads_management', login_hint: userId, state: 't' });
  const dialog = await fetch(`${base}/dialog/oauth?${q}`, { redirect: 'manual' });
  const code = new URL(dialog.headers.get('location') ?? 'http://x/').searchParams.get('code');
  if (!code) throw new Error(`the sandbox dialog gave no code (HTTP ${dialog.status})`);
  const short = await json(
    await fetch(`${base}/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: app.appId, client_secret: app.appSecret, redirect_uri: redirect, code }),
    }),
  );
  const exchange = new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: app.appId, client_secret: app.appSecret, fb_exchange_token: String(short.access_token) });
  const long = await json(await fetch(`${base}/oauth/access_token?${exchange}`));
  if (typeof long.access_token !== 'string') throw new Error(`no long-lived token: ${JSON.stringify(long)}`);
  return long.access_token;
}

export async function invalidateSandboxUser(sandboxUrl: string, userId: string, cause: string): Promise<void> {
  const res = await fetch(`${sandboxUrl}/control/users/${userId}/invalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cause }),
  });
  if (!res.ok) throw new Error(`sandbox invalidate answered ${res.status}: ${await res.text()}`);
}
