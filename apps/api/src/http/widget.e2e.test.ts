import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causeInfo, type InvalidationCause } from '@relink/core';
import { widgetBundleFile } from '@relink/widget/bundle-path';
import { buildWidgetBundle, launchChromium } from '@relink/widget/test-support';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness, type SandboxUser } from '../test-support/providerHarness.js';

// <relink-banner> in real Chromium against the real API (in-process createApp, sandbox providers,
// real OAuth flow, real graphql-ws subscription), embedded in a host page on ANOTHER origin
// (localhost vs the API's 127.0.0.1) under CSP `script-src 'self' <api>; style-src 'self'`.
// The bundle is built from the widget's current sources and served by the API's /widget route.

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const DB = process.env.RELINK_TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** What the host page's own script records (it runs under the page's CSP, as a host app's would). */
const HOST_JS = `window.__messages = [];
window.__events = [];
window.__csp = [];
window.addEventListener('message', (event) => window.__messages.push({ origin: event.origin, data: event.data }));
for (const type of ['relink-refresh-start', 'relink-refreshed', 'relink-dismiss', 'relink-error']) {
  document.addEventListener(type, (event) => window.__events.push({ type, detail: event.detail }));
}
document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(event.violatedDirective + ' ' + event.blockedURI));
`;

interface Recorded {
  messages: Array<{ origin: string; data: Record<string, unknown> }>;
  events: Array<{ type: string; detail: Record<string, unknown> }>;
  csp: string[];
}

describe(`<relink-banner> end to end in Chromium against the API (${DB})`, { timeout: 120_000 }, () => {
  let h: ProviderHarness;
  let host: Server;
  let hostOrigin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiKey: string;
  let tenantId: string;
  let facebook: SandboxUser;
  let google: SandboxUser;
  let facebookIds: string[];
  let googleIds: string[];
  const pageErrors: string[] = [];
  let hostHtml = '';

  /** Connects a sandbox person's ad accounts to the tenant through the real OAuth flow. */
  async function connect(provider: 'FACEBOOK' | 'GOOGLE', user: SandboxUser): Promise<string[]> {
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider, kind: 'connect', actor: 'test:e2e' });
    const flow = await h.follow(`${start.url}&login_hint=${encodeURIComponent(user.email)}`, { accept: 'application/json' });
    const body = JSON.parse(flow.body) as { ok?: boolean; integrationIds?: string[] };
    expect(flow.response.status, flow.body).toBe(200);
    expect(body.ok, flow.body).toBe(true);
    return body.integrationIds ?? [];
  }

  async function graphql<T>(query: string, variables: Record<string, unknown>, token: string, origin?: string): Promise<T> {
    const response = await fetch(`${h.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (json.errors?.length) throw new Error(`GraphQL: ${json.errors.map((e) => e.message).join('; ')}`);
    return json.data as T;
  }

  const recorded = (): Promise<Recorded> => page.evaluate('({ messages: window.__messages, events: window.__events, csp: window.__csp })') as Promise<Recorded>;
  const banners = (kind?: string) => page.locator(kind ? `relink-banner [data-kind="${kind}"]` : 'relink-banner [part~="banner"]');
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `widget-${name}.png`), animations: 'disabled' });

  /** The widget has fetched and its graphql-ws subscription is open (a `subscribe` went out and was not refused). */
  let subscribed: Promise<void>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The API serves packages/widget/dist/relink-banner.js: put the current sources' build there.
    const bundle = await buildWidgetBundle();
    mkdirSync(dirname(widgetBundleFile), { recursive: true });
    copyFileSync(bundle, widgetBundleFile);

    h = await startProviderHarness(`widget-e2e-${DB}`);
    const created = await h.relink.services.tenants.create({ kind: 'STAFF', staffId: 'e2e', name: 'E2E' }, 'E2E Host Co');
    tenantId = created.tenant.id;
    apiKey = created.apiKey.apiKey;

    facebook = await h.createUser('FACEBOOK', 'Fiona Facebook', { email: 'fiona@e2e.relink.test' });
    await h.addAdAccount(facebook.userId, 'Shop DE');
    await h.addAdAccount(facebook.userId, 'Shop AT');
    google = await h.createUser('GOOGLE', 'Gus Google', { email: 'gus@e2e.relink.test' });
    await h.addAdAccount(google.userId, 'Search campaigns');
    facebookIds = await connect('FACEBOOK', facebook);
    googleIds = await connect('GOOGLE', google);
    expect(facebookIds).toHaveLength(2);
    expect(googleIds).toHaveLength(1);

    host = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      if (path === '/') {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `script-src 'self' ${h.base}; style-src 'self'` })
          .end(hostHtml);
      } else if (path === '/host.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(HOST_JS);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    expect(new URL(hostOrigin).origin).not.toBe(new URL(h.base).origin);

    // The host's backend mints a widget session for its page's origin with its tenant API key.
    const minted = await graphql<{ createWidgetSession: { token: string; expiresAt: string } }>(
      'mutation Mint($origin: String!) { createWidgetSession(allowedOrigin: $origin, ttlSeconds: 900) { token expiresAt } }',
      { origin: hostOrigin },
      apiKey,
    );
    hostHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host app (E2E)</title>
<script src="/host.js"></script>
<script type="module" src="${h.base}/widget/relink-banner.js"></script></head>
<body><main><h1>Host app</h1>
<relink-banner api="${h.base}" session-token="${minted.createWidgetSession.token}"></relink-banner>
<p>Campaign numbers would be here.</p></main></body></html>`;

    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 900, height: 640 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    subscribed = new Promise<void>((resolve, reject) => {
      page.on('websocket', (socket) => {
        socket.on('framesent', (frame) => {
          if (typeof frame.payload === 'string' && frame.payload.includes('"subscribe"')) setTimeout(resolve, 500);
        });
        socket.on('close', () => reject(new Error('the widget\'s graphql-ws socket closed')));
      });
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
    await h?.close();
  });

  it('loads from the API under the host CSP, fetches and subscribes, and shows nothing while healthy', async () => {
    const firstFetch = page.waitForResponse((r) => r.url() === `${h.base}/graphql` && r.request().method() === 'POST');
    await page.goto(`${hostOrigin}/`);
    const response = await firstFetch;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data?: { integrations?: { edges: unknown[] } }; errors?: unknown[] };
    expect(body.errors, 'the widget session must read its tenant from the host origin').toBeUndefined();
    expect(body.data?.integrations?.edges).toEqual([]); // only integrations that need the user are asked for
    await subscribed;
    expect(await banners().count()).toBe(0);
    await shot('1-healthy');
    expect((await recorded()).csp).toEqual([]);
  });

  it('shows the banner within a second of a Facebook deauthorize pushed through the API, with the cause copy', async () => {
    const started = Date.now();
    const invalidation = await h.invalidate(facebook.userId, 'APP_DEAUTHORIZED');
    expect(invalidation.notices.length, 'the sandbox pushes a deauthorize callback for APP_DEAUTHORIZED').toBeGreaterThan(0);
    const banner = banners('reauth');
    await banner.waitFor({ timeout: 5000 });
    const elapsed = Date.now() - started;
    // Both ad accounts of the person break; each change arrives on its own, the banner groups them.
    await expect.poll(() => banner.innerText(), { timeout: 5000, interval: 25 }).toContain('2 ad accounts');
    const grouped = Date.now() - started;
    expect(elapsed, `banner after ${elapsed} ms`).toBeLessThan(1000);
    expect(grouped, `both accounts in the banner after ${grouped} ms`).toBeLessThan(1000);

    const copy = causeInfo('APP_DEAUTHORIZED' satisfies InvalidationCause);
    const text = await banner.innerText();
    expect(text).toContain('Facebook Ads · 2 ad accounts · connected by Fiona Facebook');
    expect(text).toContain(copy.title);
    expect(text).toContain(copy.explanation);
    expect(text).toContain(copy.action);
    expect(text).toContain('One sign-in as Fiona Facebook reconnects all 2.');
    expect(text).toMatch(/Stopped tracking just now|Not tracking since/);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.getByRole('button', { name: 'Refresh token' }).count()).toBe(1);
    await shot('2-reauth-facebook');
  });

  it('shows a Google RISC invalidation next to it, security first', async () => {
    const started = Date.now();
    const invalidation = await h.invalidate(google.userId, 'SESSION_INVALIDATED');
    expect(invalidation.notices.length, 'the sandbox pushes a RISC sessions-revoked event').toBeGreaterThan(0);
    await expect.poll(() => banners('reauth').count(), { timeout: 5000, interval: 50 }).toBe(2);
    const elapsed = Date.now() - started;
    expect(elapsed, `second banner after ${elapsed} ms`).toBeLessThan(1000);
    expect(await banners('reauth').first().innerText(), 'the security-related cause comes first').toContain('Google Ads');
    const copy = causeInfo('SESSION_INVALIDATED');
    const googleBanner = banners('reauth').filter({ hasText: 'Google Ads' });
    const text = await googleBanner.innerText();
    expect(text).toContain('Google Ads · Search campaigns');
    expect(text).toContain(copy.title);
    expect(text).toContain(copy.explanation);
    await shot('3-reauth-both');
  });

  it('Refresh token completes the popup consent against the sandbox; the done page posts its message; the banner goes', async () => {
    const facebookBanner = banners('reauth').filter({ hasText: 'Facebook Ads' });
    const popupOpened = context.waitForEvent('page');
    await facebookBanner.getByRole('button', { name: 'Refresh token' }).click();
    const popup = await popupOpened;
    await shot('4-refreshing');

    // login_hint signs the person in and approves at once; a chooser would need its Allow button.
    const closed = popup.waitForEvent('close', { timeout: 20_000 }).then(() => 'closed' as const);
    const allow = popup
      .getByRole('button', { name: /allow/i })
      .click({ timeout: 20_000 })
      .then(() => 'allowed' as const)
      .catch(() => 'no chooser' as const);
    const first = await Promise.race([closed, allow]);
    if (first === 'allowed') await closed;

    await banners('success').waitFor({ timeout: 10_000 });
    expect(await banners('success').innerText()).toContain('Reconnected');
    await shot('5-success');

    const { messages, events, csp } = await recorded();
    const done = messages.filter((m) => m.origin === h.base && m.data?.type === 'oauth-complete');
    expect(done, JSON.stringify(messages)).toHaveLength(1);
    expect(done[0]?.data).toMatchObject({ source: 'relink', type: 'oauth-complete', ok: true });
    expect([...((done[0]?.data.integrationIds as string[]) ?? [])].sort()).toEqual([...facebookIds].sort());
    expect(events.filter((e) => e.type === 'relink-refresh-start').map((e) => e.detail)).toEqual([
      { integrationIds: expect.arrayContaining(facebookIds), provider: 'FACEBOOK', mode: 'popup' },
    ]);
    // One relink-refreshed per status change that reached the page (each integration heals on its own event).
    const refreshed = async () => (await recorded()).events.filter((e) => e.type === 'relink-refreshed').map((e) => e.detail);
    await expect.poll(async () => (await refreshed()).flatMap((d) => d.integrationIds as string[]).sort()).toEqual([...facebookIds].sort());
    expect(new Set((await refreshed()).map((d) => d.via))).toEqual(new Set(['popup']));
    expect(csp).toEqual([]);

    // The success state passes and only the Google banner is left.
    await expect.poll(() => banners('success').count(), { timeout: 10_000 }).toBe(0);
    expect(await banners('reauth').count()).toBe(1);
    expect(await banners('reauth').innerText()).toContain('Google Ads');
    await shot('6-facebook-gone');

    const rows: Array<{ status: string; untracked_since: Date | null }> = await h.database.dataSource.query(
      'SELECT status, untracked_since FROM integrations WHERE id = ANY($1::uuid[])',
      [facebookIds],
    );
    expect(rows.map((r) => [r.status, r.untracked_since])).toEqual([
      ['HEALTHY', null],
      ['HEALTHY', null],
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('the /demo/ page: an invalidate button next to the banner makes it react, under the page\'s strict CSP', async () => {
    const demo = await context.newPage();
    const errors: string[] = [];
    demo.on('pageerror', (error) => errors.push(error.message));
    await demo.addInitScript(
      "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
    const response = await demo.goto(`${h.base}/demo/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await demo.locator('relink-banner').waitFor({ state: 'attached' });
    await expect.poll(() => demo.evaluate("customElements.get('relink-banner') !== undefined")).toBe(true);
    await demo.waitForTimeout(1000); // fetched and subscribed
    expect(await demo.locator('relink-banner [part~="banner"]').count()).toBe(0);

    await demo.locator('button.invalidate[data-cause="APP_DEAUTHORIZED"]').first().click();
    await demo.locator('relink-banner [data-kind="reauth"]').waitFor({ timeout: 3000 });
    expect(await demo.locator('relink-banner [data-kind="reauth"]').innerText()).toContain(causeInfo('APP_DEAUTHORIZED').title);
    expect(await demo.locator('#status').innerText()).toContain('APP_DEAUTHORIZED');
    await demo.screenshot({ path: join(ARTIFACTS, 'widget-7-demo-page.png'), fullPage: true });

    // A cause found by the next check: nothing until "Recheck now".
    await demo.locator('button.invalidate[data-cause="ADMIN_POLICY"]').click();
    await demo.locator('#recheck').click();
    await expect.poll(() => demo.locator('#status').innerText(), { timeout: 10_000 }).toMatch(/^Rechecked \d+ integration/);
    await expect.poll(() => demo.locator('relink-banner [data-kind="reauth"]').count(), { timeout: 5000 }).toBe(2);
    expect(await demo.evaluate('window.__csp')).toEqual([]);
    expect(errors).toEqual([]);
    await demo.close();
  });
});
