import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_CAUSES,
  buildWidgetBundle,
  fakeBrokenIntegration,
  fakeIntegration,
  launchChromium,
  startContractFakeApi,
  startTestServer,
  type ContractFakeApi,
  type FakeIntegration,
  type TestServer,
} from './test-support/index.js';
import { MANGLED_PROPERTIES } from './build-tools/mangled-properties.js';

// One Chromium for the whole file; a fresh context (storage, popups) per test.
// The widget is the built one-file bundle, served by a contract fake of the Relink API on
// another origin, exactly as a host page would load it.

const require = createRequire(import.meta.url);
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const TOKEN = 'wst_test_session_token';
const EVENTS = ['relink-refresh-start', 'relink-refreshed', 'relink-dismiss', 'relink-error'];

interface RecordedEvent {
  type: string;
  detail: Record<string, unknown>;
}

declare global {
  interface Window {
    __relinkEvents: RecordedEvent[];
    __cspViolations: string[];
    __nextToken?: string;
  }
}

let browser: Browser;
let host: TestServer;
let fake: ContractFakeApi;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const bundle = await buildWidgetBundle();
  browser = await launchChromium();
  host = await startTestServer({
    '/vendor/react.js': { file: packageFile('react', 'umd/react.production.min.js') },
    '/vendor/react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js') },
    '/vendor/vue.js': { file: packageFile('vue', 'dist/vue.esm-browser.prod.js') },
    '/vendor/axe.js': { file: packageFile('axe-core', 'axe.min.js') },
  });
  fake = await startContractFakeApi({ token: TOKEN, allowedOrigin: host.origin, widgetBundleFile: bundle });
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await host?.close();
});

beforeEach(async () => {
  fake.reset();
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 900, height: 700 } });
  await context.addInitScript((types: string[]) => {
    window.__relinkEvents = [];
    window.__cspViolations = [];
    for (const type of types) {
      document.addEventListener(type, (event) => {
        window.__relinkEvents.push({ type, detail: (event as CustomEvent).detail as Record<string, unknown> });
      });
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  }, EVENTS);
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterEach(async () => {
  await context.close();
  await expect.poll(() => fake.subscriberCount, { timeout: 5000 }).toBe(0);
  expect(pageErrors).toEqual([]);
});

function widgetTag(attributes = ''): string {
  return `<relink-banner api="${fake.origin}" session-token="${TOKEN}" ${attributes}></relink-banner>`;
}

function hostPage(path: string, body: string, options: { lang?: string; csp?: string; head?: string } = {}): string {
  return host.page(
    path,
    `<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>Host app</title>
<script type="module" src="${fake.origin}/widget/relink-banner.js"></script>${options.head ?? ''}</head>
<body><main><h1>Host app</h1>${body}</main></body></html>`,
    options.csp ? { csp: options.csp } : {},
  );
}

async function openWidget(integrations: FakeIntegration[], attributes = '', options: { lang?: string } = {}): Promise<void> {
  fake.setIntegrations(integrations);
  await page.goto(hostPage('/plain.html', widgetTag(attributes), options));
  await waitForLive();
}

/** The widget fetched and subscribed (so its first render is done). */
async function waitForLive(): Promise<void> {
  await expect.poll(() => fake.subscriberCount, { timeout: 10_000 }).toBeGreaterThan(0);
}

async function events(type?: string): Promise<RecordedEvent[]> {
  const all = await page.evaluate(() => window.__relinkEvents);
  return type ? all.filter((event) => event.type === type) : all;
}

function banners(kind?: string) {
  return page.locator(kind ? `relink-banner [data-kind="${kind}"]` : 'relink-banner [part~="banner"]');
}

async function shot(name: string): Promise<void> {
  await page.locator('relink-banner').screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled' });
}

describe('<relink-banner> in Chromium', () => {
  it('renders nothing when every integration is healthy', async () => {
    await openWidget([fakeIntegration(), fakeIntegration({ status: 'DISCONNECTED' })]);
    expect(fake.requests.at(-1)?.operationName).toBe('RelinkBannerIntegrations');
    expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    await expect.poll(() => banners().count()).toBe(0);
    const height = await page.locator('relink-banner').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBe(0);
  });

  it('shows one banner with the cause copy, the untracked time and a Refresh button', async () => {
    const broken = fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 134, { name: 'Acme Shop' });
    await openWidget([broken, fakeIntegration()]);
    const banner = banners('reauth');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.getAttribute('role')).toBe('alert');
    const text = await banner.innerText();
    expect(text).toContain('Facebook Ads · Acme Shop');
    expect(text).toContain('Password changed');
    expect(text).toContain('Security');
    expect(text).toContain(FAKE_CAUSES.PASSWORD_CHANGED.explanation);
    expect(text).toContain(FAKE_CAUSES.PASSWORD_CHANGED.action);
    expect(text).toContain('Not tracking since 2 h 14 min');
    expect(await banner.getByRole('button', { name: 'Refresh token' }).count()).toBe(1);
    expect(await banner.locator('[part~="title"]').innerText()).toContain('Password changed');
    await shot('reauth-single');
    // Announced once per browser session: on the next page it is a labelled group, not an alert.
    await page.reload();
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('group');
    expect(await banner.getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('groups integrations that share an identity and a cause into one banner', async () => {
    const jane = { provider: 'FACEBOOK' as const, externalUserId: 'fb_jane', name: 'Jane Doe' };
    const group = ['Shop DE', 'Shop AT', 'Shop CH'].map((name) =>
      fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 30, { name, authorizedBy: jane }),
    );
    const google = fakeBrokenIntegration(FAKE_CAUSES.ACCESS_REVOKED, 5, {
      provider: 'GOOGLE',
      name: 'Search campaigns',
      authorizedBy: { provider: 'GOOGLE', externalUserId: 'g_max', name: 'Max' },
    });
    await openWidget([...group, google]);
    await expect.poll(() => banners('reauth').count()).toBe(2);
    const grouped = page.locator('relink-banner [data-key="reauth:FACEBOOK:fb_jane|PASSWORD_CHANGED"]');
    const text = await grouped.innerText();
    expect(text).toContain('3 ad accounts · connected by Jane Doe');
    for (const name of ['Shop DE', 'Shop AT', 'Shop CH']) expect(text).toContain(name);
    expect(text).toContain('One sign-in as Jane Doe reconnects all 3.');
    expect(await grouped.getByRole('button', { name: 'Refresh token' }).count()).toBe(1);
    // Security-related first.
    expect(await banners('reauth').first().getAttribute('data-key')).toBe('reauth:FACEBOOK:fb_jane|PASSWORD_CHANGED');
    await shot('reauth-grouped');
  });

  it('shows an expiring-soon notice with the date as role=status', async () => {
    const expiring = fakeIntegration({ name: 'Brand campaigns', status: 'EXPIRING_SOON', tokenExpiresAt: '2031-03-14T12:00:00.000Z' });
    await openWidget([expiring]);
    const notice = banners('expiring');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await notice.innerText()).toContain('The token expires on March 14, 2031.');
    expect(await page.locator('relink-banner [role="alert"]').count()).toBe(0);
    await shot('expiring-soon');
  });

  it('shows UNREACHABLE calmly as "checking", with no alarm and no button', async () => {
    await openWidget([fakeIntegration({ name: 'Shop DE', status: 'UNREACHABLE' }), fakeIntegration({ name: 'Shop AT', status: 'UNREACHABLE' })]);
    const notice = banners('checking');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.getAttribute('role')).toBe('status');
    // The calm "info" tone (blue stripe), not the red of an invalidation.
    expect(await notice.evaluate((el) => getComputedStyle(el).borderInlineStartColor)).toBe('rgb(11, 87, 208)');
    expect(await notice.innerText()).toContain('Checking Facebook Ads');
    expect(await notice.getByRole('button', { name: 'Refresh token' }).count()).toBe(0);
    expect(await page.locator('relink-banner [role="alert"]').count()).toBe(0);
    await shot('checking');
  });

  it('updates live through the subscription within a second, both ways', async () => {
    const integration = fakeIntegration({ name: 'Live account' });
    await openWidget([integration]);
    expect(await banners().count()).toBe(0);

    const started = Date.now();
    const since = new Date().toISOString();
    fake.update(integration.id, { status: 'REVOKED', needsReauthorization: true, cause: FAKE_CAUSES.PASSWORD_CHANGED, untrackedSince: since, statusChangedAt: since });
    await banners('reauth').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await banners('reauth').innerText()).toContain('Stopped tracking just now');

    fake.update(integration.id, { status: 'HEALTHY', needsReauthorization: false, cause: null, untrackedSince: null });
    await banners('success').waitFor({ timeout: 1000 });
    expect(await banners('reauth').count()).toBe(0);
    await expect.poll(async () => (await events('relink-refreshed')).map((e) => e.detail)).toEqual([
      { integrationIds: [integration.id], via: 'elsewhere' },
    ]);
  });

  it('Refresh opens a popup to the consent URL; the done page message shows success, then the banner goes', async () => {
    const broken = fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 90, { name: 'Acme Shop' });
    await openWidget([broken]);
    const consentRequests: string[] = [];
    context.on('request', (request) => {
      if (request.url().startsWith(`${fake.origin}/auth/`)) consentRequests.push(request.url());
    });
    const popupPromise = context.waitForEvent('page');
    await banners('reauth').getByRole('button', { name: 'Refresh token' }).click();
    const popup = await popupPromise;
    expect(popup.url() === 'about:blank' || popup.url().startsWith(fake.origin)).toBe(true);

    await banners('success').waitFor({ timeout: 5000 });
    expect(await banners('success').innerText()).toContain('Reconnected');
    await shot('success');
    expect(fake.reauthorizations).toEqual([{ integrationId: broken.id, returnTo: null }]);
    expect(consentRequests).toHaveLength(1);
    expect(consentRequests[0]).toMatch(new RegExp(`^${fake.origin}/auth/facebook/start\\?ticket=`));

    await expect.poll(() => banners().count(), { timeout: 8000 }).toBe(0);
    const recorded = await events();
    expect(recorded.map((e) => e.type)).toEqual(['relink-refresh-start', 'relink-refreshed']);
    expect(recorded[0]?.detail).toEqual({ integrationIds: [broken.id], provider: 'FACEBOOK', mode: 'popup' });
    expect(recorded[1]?.detail).toEqual({ integrationIds: [broken.id], via: 'popup' });
  });

  it('keeps the banner and says so when consent is denied', async () => {
    fake.setConsent({ outcome: 'deny', error: 'access_denied' });
    const broken = fakeBrokenIntegration(FAKE_CAUSES.TOKEN_EXPIRED, 10, { name: 'Acme Shop' });
    await openWidget([broken]);
    await banners('reauth').getByRole('button', { name: 'Refresh token' }).click();
    const error = page.locator('relink-banner [part~="error"]');
    await error.waitFor({ timeout: 5000 });
    expect(await error.innerText()).toContain('Sign-in did not finish (access_denied)');
    expect(await banners('reauth').count()).toBe(1);
    await expect.poll(async () => (await events('relink-error')).map((e) => e.detail.code)).toEqual(['REAUTHORIZATION_FAILED']);
  });

  it('ignores an oauth-complete message from any origin but the API', async () => {
    await openWidget([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20)]);
    await banners('reauth').waitFor();
    const before = fake.requests.length;
    await page.evaluate(() => window.postMessage({ source: 'relink', type: 'oauth-complete', ok: true, integrationIds: [] }, '*'));
    await page.waitForTimeout(500);
    expect(fake.requests.length).toBe(before);
    expect(await banners('reauth').count()).toBe(1);
    expect(await banners('success').count()).toBe(0);
  });

  it('falls back to a full-page redirect with returnTo when the popup is blocked', async () => {
    const broken = fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20, { name: 'Redirected shop' });
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await openWidget([broken]);
    const hostUrl = page.url();
    await banners('reauth').getByRole('button', { name: 'Refresh token' }).click();
    await banners('success').waitFor({ timeout: 8000 });
    expect(page.url()).toBe(hostUrl);
    expect(fake.reauthorizations).toEqual([{ integrationId: broken.id, returnTo: hostUrl }]);
    expect(await banners('success').innerText()).toContain('Redirected shop');
    await expect.poll(async () => (await events('relink-refreshed')).map((e) => e.detail)).toEqual([
      { integrationIds: [broken.id], via: 'redirect' },
    ]);
  });

  it('raises relink-error SESSION_EXPIRED for a bad token, and recovers when the host sets a new one', async () => {
    fake.setIntegrations([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20)]);
    await page.addInitScript((token: string) => {
      document.addEventListener('relink-error', (event) => {
        if (event.detail.code === 'SESSION_EXPIRED') (event.target as Element).setAttribute('session-token', token);
      });
    }, TOKEN);
    await page.goto(hostPage('/expired.html', `<relink-banner api="${fake.origin}" session-token="expired-token"></relink-banner>`));
    await expect.poll(async () => (await events('relink-error')).map((e) => e.detail.code)).toEqual(['SESSION_EXPIRED']);
    const [error] = await events('relink-error');
    expect(String(error?.detail.message)).toMatch(/session has expired/);
    await banners('reauth').waitFor({ timeout: 5000 });
  });

  it('polls when WebSockets are blocked', async () => {
    const blocked = await startContractFakeApi({ token: TOKEN, allowedOrigin: host.origin, websockets: false });
    try {
      const integration = fakeIntegration({ name: 'Polled account' });
      blocked.setIntegrations([integration]);
      await page.goto(
        hostPage('/polling.html', `<relink-banner api="${blocked.origin}" session-token="${TOKEN}" poll-seconds="1"></relink-banner>`),
      );
      await expect.poll(() => blocked.requests.length).toBeGreaterThan(0);
      blocked.update(integration.id, { status: 'REVOKED', needsReauthorization: true, cause: FAKE_CAUSES.TOKEN_EXPIRED, untrackedSince: new Date().toISOString() });
      await banners('reauth').waitFor({ timeout: 4000 });
      expect(blocked.requests.length).toBeGreaterThan(1);
    } finally {
      await page.goto('about:blank');
      await blocked.close();
    }
  });

  it('works keyboard-only: Tab reaches the button with a visible focus ring, Enter starts the refresh', async () => {
    await openWidget([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20)], 'dismiss-hours="0"');
    await banners('reauth').waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const inner = document.activeElement?.shadowRoot?.activeElement;
      return { host: document.activeElement?.tagName, text: inner?.textContent?.trim(), outline: inner ? getComputedStyle(inner).outlineStyle : null };
    });
    expect(focused).toEqual({ host: 'RELINK-BANNER', text: 'Refresh token', outline: 'solid' });
    await shot('keyboard-focus');
    const popupPromise = context.waitForEvent('page');
    await page.keyboard.press('Enter');
    await popupPromise;
    await banners('success').waitFor({ timeout: 5000 });
  });

  it('works under a strict CSP (script-src self + API, style-src self) with no violations', async () => {
    fake.setIntegrations([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20)]);
    const csp = `script-src 'self' ${fake.origin}; style-src 'self'`;
    await page.goto(hostPage('/csp.html', widgetTag(), { csp }));
    await banners('reauth').waitFor({ timeout: 5000 });
    const styled = await banners('reauth').evaluate((el) => getComputedStyle(el).borderInlineStartColor);
    expect(styled).toBe('rgb(198, 40, 40)');
    expect(await page.locator('relink-banner [style]').count()).toBe(0);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });

  it('works in a React host (attributes from props, events through a ref)', async () => {
    fake.setIntegrations([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20, { name: 'React shop' })]);
    host.route('/react-host.js', {
      type: 'text/javascript',
      body: `
        const { createElement: h, useEffect, useRef, useState } = React;
        function App() {
          const ref = useRef(null);
          const [log, setLog] = useState([]);
          useEffect(() => {
            const on = (event) => setLog((l) => [...l, event.type]);
            ref.current.addEventListener('relink-dismiss', on);
            return () => ref.current && ref.current.removeEventListener('relink-dismiss', on);
          }, []);
          return h('div', null,
            h('relink-banner', { ref, api: ${JSON.stringify(fake.origin)}, 'session-token': ${JSON.stringify(TOKEN)}, layout: 'compact' }),
            h('output', { id: 'log' }, log.join(',')));
        }
        ReactDOM.createRoot(document.getElementById('root')).render(h(App));`,
    });
    await page.goto(
      hostPage('/react.html', '<div id="root"></div><script src="/vendor/react.js"></script><script src="/vendor/react-dom.js"></script><script src="/react-host.js"></script>'),
    );
    await banners('reauth').waitFor({ timeout: 5000 });
    expect(await banners('reauth').innerText()).toContain('React shop');
    expect(await page.locator('relink-banner').getAttribute('layout')).toBe('compact');
    await shot('react-compact');
    await page.locator('relink-banner [part~="dismiss"]').click();
    await expect.poll(() => page.locator('#log').innerText()).toBe('relink-dismiss');
    expect(await banners().count()).toBe(0);
  });

  it('works in a Vue host (bound attributes, @event listeners)', async () => {
    fake.setIntegrations([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 20, { name: 'Vue shop' })]);
    host.route('/vue-host.js', {
      type: 'text/javascript',
      body: `
        import { createApp, ref } from '/vendor/vue.js';
        const app = createApp({
          setup() {
            const log = ref([]);
            return { api: ${JSON.stringify(fake.origin)}, token: ${JSON.stringify(TOKEN)}, log, on: (event) => log.value.push(event.type) };
          },
          template: '<relink-banner :api="api" :session-token="token" @relink-dismiss="on"></relink-banner><output id="log">{{ log.join(",") }}</output>',
        });
        app.config.compilerOptions.isCustomElement = (tag) => tag === 'relink-banner';
        app.mount('#app');`,
    });
    await page.goto(hostPage('/vue.html', '<div id="app"></div><script type="module" src="/vue-host.js"></script>'));
    await banners('reauth').waitFor({ timeout: 5000 });
    expect(await banners('reauth').innerText()).toContain('Vue shop');
    await page.locator('relink-banner [part~="dismiss"]').click();
    await expect.poll(() => page.locator('#log').innerText()).toBe('relink-dismiss');
    const [dismiss] = await events('relink-dismiss');
    const until = Date.parse(String(dismiss?.detail.until));
    expect(until - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(4 * 3_600_000);
    // The dismissal holds for the session: a reload keeps it hidden.
    await page.reload();
    await waitForLive();
    expect(await banners().count()).toBe(0);
  });

  it('passes an axe-core scan with every state shown, light and dark', async () => {
    const jane = { provider: 'FACEBOOK' as const, externalUserId: 'fb_jane', name: 'Jane Doe' };
    await openWidget([
      fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 75, { name: 'Shop DE', authorizedBy: jane }),
      fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 75, { name: 'Shop AT', authorizedBy: jane }),
      fakeBrokenIntegration(FAKE_CAUSES.TOKEN_EXPIRED, 3000, { name: 'Old account', authorizedBy: null }),
      fakeIntegration({ name: 'Brand', status: 'EXPIRING_SOON', tokenExpiresAt: '2031-03-14T12:00:00.000Z' }),
      fakeIntegration({ name: 'Search', provider: 'GOOGLE', status: 'UNREACHABLE', authorizedBy: null }),
    ]);
    await expect.poll(() => banners().count()).toBe(4);
    await page.addScriptTag({ url: '/vendor/axe.js' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Node): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
        const result = await axe.run(document);
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, scheme).toEqual([]);
      await shot(`all-states-${scheme}`);
    }
    expect(await banners().first().evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  });

  it('mangles no name the browser defines (the bundle shortens MANGLED_PROPERTIES)', async () => {
    await page.goto(hostPage('/blank.html', ''));
    const clashes = await page.evaluate((names: readonly string[]) => {
      const objects: object[] = [window, document, document.createElement('div'), new MessageEvent('m'), new CloseEvent('c'), new CustomEvent('c')];
      for (const type of [WebSocket, Response, URL, Storage, Intl.DateTimeFormat, Date, Array, Map, Set, String, Error, Promise, MutationObserver]) {
        objects.push(type.prototype as object);
      }
      return names.filter((name) => objects.some((object) => name in object));
    }, MANGLED_PROPERTIES);
    expect(clashes).toEqual([]);
  });

  it('speaks German under lang="de" and lays out right-to-left', async () => {
    await openWidget([fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 134)], '', { lang: 'de' });
    const banner = banners('reauth');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Keine Erfassung seit 2 Std. 14 Min.');
    expect(await banner.getByRole('button', { name: 'Token erneuern' }).count()).toBe(1);
    await shot('reauth-de');
    await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
    const box = await banner.evaluate((el) => {
      const style = getComputedStyle(el);
      return { right: style.borderRightWidth, left: style.borderLeftWidth };
    });
    expect(box).toEqual({ right: '4px', left: '1px' });
    await shot('reauth-rtl');
  });
});
