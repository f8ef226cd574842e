import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A host page under a strict CSP that opens the OAuth popup and records what it is told. */
const OPENER_HTML = `<!doctype html><html><head><meta charset="utf-8"><script src="/opener.js" defer></script></head>
<body><button id="open">Refresh token</button></body></html>`;
const OPENER_JS = `window.__messages = [];
window.addEventListener('message', (event) => window.__messages.push({ origin: event.origin, data: event.data }));
document.getElementById('open').addEventListener('click', () => {
  window.__popup = window.open(new URLSearchParams(location.search).get('u'), 'relink', 'width=500,height=600');
});`;

describe('done page in Chromium: posts the result to the opener under a strict CSP, then closes', { timeout: 60_000 }, () => {
  let h: ProviderHarness;
  let host: Server;
  let hostOrigin: string;
  let browser: Browser;
  let tenantId: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    h = await startProviderHarness('done-page-e2e');
    tenantId = await h.seedTenant('Popup Co');
    host = createServer((req, res) => {
      const csp = "default-src 'none'; script-src 'self'; style-src 'self'";
      if (req.url?.startsWith('/opener.html')) res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': csp }).end(OPENER_HTML);
      else if (req.url === '/opener.js') res.writeHead(200, { 'content-type': 'application/javascript' }).end(OPENER_JS);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
    await h?.close();
  });

  /** Runs the flow up to the provider's redirect back, and returns that callback URL (not yet visited). */
  const callbackUrl = async (decision: 'allow' | 'cancel'): Promise<string> => {
    const user = await h.createUser('FACEBOOK', `Popup ${decision}`);
    await h.addAdAccount(user.userId, 'Popup ads');
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'FACEBOOK', kind: 'connect', openerOrigin: hostOrigin, actor: 'test' });
    const toDialog = await fetch(decision === 'allow' ? `${start.url}&login_hint=${user.userId}` : start.url, { redirect: 'manual' });
    const dialog = new URL(toDialog.headers.get('location')!);
    if (decision === 'allow') {
      const approved = await fetch(dialog, { redirect: 'manual' });
      return approved.headers.get('location')!;
    }
    const form = new URLSearchParams(Object.fromEntries(dialog.searchParams));
    form.set('decision', 'cancel');
    const cancelled = await fetch(dialog.origin + dialog.pathname, { method: 'POST', body: form, redirect: 'manual' });
    return cancelled.headers.get('location')!;
  };

  const openPopup = async (url: string): Promise<{ page: Page; popup: Page }> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${hostOrigin}/opener.html?u=${encodeURIComponent(url)}`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#open')]);
    return { page, popup };
  };

  it('a completed consent: ok with the integration ids, then the popup closes', async () => {
    const { page, popup } = await openPopup(await callbackUrl('allow'));
    await page.waitForFunction(() => (window as unknown as { __messages: unknown[] }).__messages.length > 0, undefined, { timeout: 10_000 });
    const messages = await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages);
    expect(messages).toEqual([
      { origin: h.base, data: { source: 'relink', type: 'oauth-complete', ok: true, integrationIds: [expect.any(String)] } },
    ]);
    await popup.waitForEvent('close', { timeout: 5_000 });
    expect(cspViolations).toEqual([]);
  });

  it('a cancelled consent: ok false with the reason, and the page says what to do', async () => {
    const { page, popup } = await openPopup(await callbackUrl('cancel'));
    await page.waitForFunction(() => (window as unknown as { __messages: unknown[] }).__messages.length > 0, undefined, { timeout: 10_000 });
    const messages = await page.evaluate(() => (window as unknown as { __messages: Array<{ data: unknown }> }).__messages.map((m) => m.data));
    expect(messages).toEqual([{ source: 'relink', type: 'oauth-complete', ok: false, error: 'access_denied' }]);
    expect(await popup.locator('h1').textContent()).toBe('Access not granted');
    expect(await popup.locator('main').textContent()).toContain('What to do');
    expect(cspViolations).toEqual([]);
  });
});
