import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { donePageData, startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import { storedTokens } from '../test-support/storedTokens.js';

describe('OAuth connect flow through the sandbox', () => {
  let h: ProviderHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProviderHarness('api_oauth_flow');
    tenantId = await h.seedTenant('Acme');
  });
  afterAll(async () => {
    await h?.close();
  });

  const count = async (table: string): Promise<number> => {
    const rows: Array<{ n: string | number }> = await h.database.dataSource.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0]?.n ?? 0);
  };
  const snapshot = async () => ({
    integrations: await count('integrations'),
    credentials: await count('credentials'),
    identities: await count('provider_identities'),
    events: await count('integration_events'),
  });

  it('connects a Facebook user: long-lived token, every ad account, HEALTHY, done page posts to the opener', async () => {
    const user = await h.createUser('FACEBOOK', 'Fiona Page');
    await h.addAdAccount(user.userId, 'Fiona Ads A');
    await h.addAdAccount(user.userId, 'Fiona Ads B');
    const start = await h.relink.services.connections.startAuthorization({
      tenantId,
      provider: 'FACEBOOK',
      kind: 'connect',
      openerOrigin: 'https://host.example',
      actor: 'test',
    });
    expect(start.url).toMatch(new RegExp(`^${h.base}/auth/facebook/start\\?ticket=`));
    expect(start.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    const flow = await h.follow(`${start.url}&login_hint=${user.userId}`);
    expect(flow.visited[1]).toContain('/sandbox/facebook/v19.0/dialog/oauth');
    const dialog = new URL(flow.visited[1]!);
    expect(dialog.searchParams.get('scope')).toBe('ads_read,ads_management,email');
    expect(dialog.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(dialog.searchParams.get('auth_type')).toBeNull();
    expect(flow.response.status).toBe(200);
    expect(flow.response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(flow.body).not.toMatch(/<script>(?!<)/);
    const data = donePageData(flow.body);
    expect(data.openerOrigin).toBe('https://host.example');
    expect(data.message).toMatchObject({ source: 'relink', type: 'oauth-complete', ok: true });
    expect(data.message?.integrationIds).toHaveLength(2);

    const rows: Array<{ status: string; name: string; external_account_id: string }> = await h.database.dataSource.query(
      'SELECT status, name, external_account_id FROM integrations WHERE tenant_id = $1 AND provider = $2 ORDER BY name',
      [tenantId, 'FACEBOOK'],
    );
    expect(rows.map((r) => [r.status, r.name])).toEqual([
      ['HEALTHY', 'Fiona Ads A'],
      ['HEALTHY', 'Fiona Ads B'],
    ]);
    expect(rows[0]!.external_account_id).toMatch(/^act_\d+$/);
    const creds: Array<{ access_token_expires_at: Date; data_access_expires_at: Date | null; scopes: string[] }> = await h.database.dataSource.query(
      'SELECT access_token_expires_at, data_access_expires_at, scopes FROM credentials WHERE provider = $1',
      ['FACEBOOK'],
    );
    expect(creds).toHaveLength(1);
    // Long-lived: about 60 days, not the short-lived hour.
    expect(new Date(creds[0]!.access_token_expires_at).getTime() - Date.now()).toBeGreaterThan(50 * 86_400_000);
    expect(creds[0]!.scopes).toEqual(expect.arrayContaining(['ads_read', 'ads_management']));
  });

  it('connects a Google user with PKCE and keeps the refresh token', async () => {
    const user = await h.createUser('GOOGLE', 'Gary Ads');
    await h.addAdAccount(user.userId, 'Gary Customer');
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test' });
    const flow = await h.follow(`${start.url}&login_hint=${encodeURIComponent(user.email)}`);
    const consent = new URL(flow.visited[1]!);
    expect(consent.pathname).toBe('/sandbox/google/o/oauth2/v2/auth');
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('prompt')).toBe('consent');
    expect(consent.searchParams.get('login_hint')).toBe(user.email);
    expect(consent.searchParams.get('scope')).toBe('openid email profile https://www.googleapis.com/auth/adwords');
    expect(flow.response.status).toBe(200);
    const rows: Array<{ status: string; name: string; external_account_id: string }> = await h.database.dataSource.query(
      "SELECT status, name, external_account_id FROM integrations WHERE provider = 'GOOGLE'",
    );
    expect(rows).toEqual([{ status: 'HEALTHY', name: 'Gary Customer', external_account_id: expect.stringMatching(/^\d{10}$/) }]);
    const creds: Array<{ refresh_token_ciphertext: string | null }> = await h.database.dataSource.query(
      "SELECT refresh_token_ciphertext FROM credentials WHERE provider = 'GOOGLE'",
    );
    expect(creds[0]!.refresh_token_ciphertext).toBeTruthy();
  });

  it('refuses a reused ticket, changing nothing', async () => {
    const user = await h.createUser('FACEBOOK', 'Reuse Person');
    await h.addAdAccount(user.userId, 'Reuse Ads');
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'FACEBOOK', kind: 'connect', actor: 'test' });
    const first = await fetch(start.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const before = await snapshot();
    const again = await h.follow(`${start.url}&login_hint=${user.userId}`, { accept: 'application/json' });
    expect(again.response.status).toBe(400);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: 'ticket_used' });
    expect(await snapshot()).toEqual(before);
    // A popup's opener still hears that it failed.
    const popup = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'FACEBOOK', kind: 'connect', openerOrigin: 'https://host.example', actor: 'test' });
    await fetch(popup.url, { redirect: 'manual' });
    const page = await h.follow(popup.url);
    expect(donePageData(page.body)).toEqual({ openerOrigin: 'https://host.example', message: { source: 'relink', type: 'oauth-complete', ok: false, error: 'ticket_used' } });
  });

  it('refuses an expired ticket and an unknown one', async () => {
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test' });
    await h.database.dataSource.query("UPDATE oauth_tickets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    const before = await snapshot();
    const expired = await h.follow(start.url, { accept: 'application/json' });
    expect(JSON.parse(expired.body)).toMatchObject({ ok: false, error: 'ticket_expired' });
    const unknown = await h.follow(`${h.base}/auth/google/start?ticket=nope`);
    expect(unknown.response.status).toBe(400);
    expect(unknown.body).toContain('Link not recognised');
    expect(await snapshot()).toEqual(before);
  });

  it('answers a forged or missing state with 403 and changes nothing', async () => {
    const before = await snapshot();
    const forged = await fetch(`${h.base}/auth/facebook/callback?code=AQDfake&state=forged-state`);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('could not be verified');
    const missing = await fetch(`${h.base}/auth/google/callback?code=4/fake`, { headers: { accept: 'application/json' } });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ ok: false, error: 'invalid_state' });
    expect(await snapshot()).toEqual(before);
  });

  it('a state cannot be replayed: the second callback with the same state is refused', async () => {
    const user = await h.createUser('GOOGLE', 'Replay Person');
    await h.addAdAccount(user.userId, 'Replay Customer');
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test' });
    const flow = await h.follow(`${start.url}&login_hint=${user.userId}`);
    expect(flow.response.status).toBe(200);
    const callback = flow.visited.at(-1)!;
    const before = await snapshot();
    const replay = await fetch(callback, { headers: { accept: 'application/json' } });
    expect(replay.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('ends a denied consent on a clear page that tells the opener, changing nothing', async () => {
    await h.createUser('FACEBOOK', 'Denier');
    const start = await h.relink.services.connections.startAuthorization({
      tenantId,
      provider: 'FACEBOOK',
      kind: 'connect',
      openerOrigin: 'https://host.example',
      actor: 'test',
    });
    const toDialog = await fetch(start.url, { redirect: 'manual' });
    const dialog = new URL(toDialog.headers.get('location')!);
    const form = new URLSearchParams(Object.fromEntries(dialog.searchParams));
    form.set('decision', 'cancel');
    const before = await snapshot();
    const denied = await fetch(dialog.origin + dialog.pathname, { method: 'POST', body: form, redirect: 'manual' });
    const back = await fetch(denied.headers.get('location')!, { redirect: 'manual' });
    expect(back.status).toBe(400);
    const html = await back.text();
    expect(html).toContain('Access not granted');
    expect(donePageData(html)).toEqual({
      openerOrigin: 'https://host.example',
      message: { source: 'relink', type: 'oauth-complete', ok: false, error: 'access_denied' },
    });
    expect(await snapshot()).toEqual(before);
  });

  /** Consents as a new Google user, arms one sandbox fault, then follows the redirect back to the callback. */
  async function callbackAfterFault(name: string, kind: 'http500' | 'timeout') {
    const user = await h.createUser('GOOGLE', `${name} Person`);
    await h.addAdAccount(user.userId, `${name} Customer`);
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test' });
    const toConsent = await fetch(`${start.url}&login_hint=${user.userId}`, { redirect: 'manual' });
    const consent = await fetch(toConsent.headers.get('location')!, { redirect: 'manual' });
    await h.control('/faults', { provider: 'GOOGLE', kind, count: 1 });
    const before = await snapshot();
    const back = await fetch(consent.headers.get('location')!, { headers: { accept: 'application/json' } });
    return { before, back };
  }

  it('ends a provider error during the code exchange on a clear page, changing nothing', async () => {
    const { before, back } = await callbackAfterFault('Fault', 'http500');
    expect(back.status).toBeGreaterThanOrEqual(500);
    expect(await back.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^provider_(error|unavailable)$/) });
    expect(await snapshot()).toEqual(before);
  });

  it('gives up on a provider that does not answer the code exchange, changing nothing', async () => {
    const { before, back } = await callbackAfterFault('Slow', 'timeout');
    expect(back.status).toBe(503);
    expect(await back.json()).toMatchObject({ ok: false, error: 'provider_unavailable' });
    expect(await snapshot()).toEqual(before);
  }, 40_000);

  it('serves the done page script from its own origin', async () => {
    const res = await fetch(`${h.base}/auth/done.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain("opener.postMessage(data.message, data.openerOrigin)");
  });

  it('stores no token in plaintext', async () => {
    const rows: unknown[] = await h.database.dataSource.query('SELECT * FROM credentials');
    const dump = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    const tickets = JSON.stringify(await h.database.dataSource.query('SELECT * FROM oauth_tickets'));
    const tokens = await storedTokens(h.database, h.config.encryptionKeys);
    expect(tokens.some((t) => t.startsWith('EAA'))).toBe(true);
    expect(tokens.some((t) => t.startsWith('ya29.'))).toBe(true);
    expect(tokens.some((t) => t.startsWith('1//'))).toBe(true);
    for (const token of tokens) {
      expect(dump.includes(token)).toBe(false);
      expect(tickets.includes(token)).toBe(false);
    }
  });
});
