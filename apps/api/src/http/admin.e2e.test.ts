import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, type DemoSeedResult } from '../demo/seedDemoData.js';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import { adminDistDir, ADMIN_CSP } from './adminRoute.js';

/**
 * The support console in real Chromium against the real API on a seeded database (PGlite, or
 * PostgreSQL with RELINK_TEST_DATABASE_URL): sign-in, filters and paging, the detail page's timeline
 * and windows, an action, a live change, an expired session, an axe scan and a screenshot per view.
 */

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const adminRoot = dirname(adminDistDir());
const axeSource = readFileSync(createRequire(join(adminRoot, 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

/** Builds the console when its dist is missing or older than its sources (turbo builds it first in CI). */
function ensureAdminBuilt(): void {
  const index = join(adminRoot, 'dist', 'index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newest(join(adminRoot, 'src')), statSync(join(adminRoot, 'index.html')).mtimeMs)) return;
  execFileSync(join(adminRoot, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: adminRoot, stdio: 'inherit' });
}

interface AxeResult {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }>;
}

describe('admin console in Chromium', { timeout: 90_000 }, () => {
  let h: ProviderHarness;
  let seed: DemoSeedResult;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  const apiBodies: string[] = [];

  beforeAll(async () => {
    ensureAdminBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startProviderHarness('admin-e2e');
    seed = await seedDemoData(h.relink.services);
    expect(seed.seeded).toBe(true);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.url().endsWith('/graphql')) void response.text().then((body) => apiBodies.push(body), () => undefined);
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const staffToken = () => h.config.adminToken!;
  const rows = () => page.locator('integrations-view tbody tr');
  const rowIds = () => rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['id']));
  const header = (field: string) => page.locator(`integrations-view th[data-sort-field="${field}"]`);
  const SORT_SQL: Record<string, string> = { CREATED_AT: 'created_at', NAME: 'lower(name)', STATUS_CHANGED_AT: 'status_changed_at', UNTRACKED_SINCE: 'untracked_since' };

  /** Integration ids in an order, straight from the database (what the table must show). */
  async function dbOrder(field: string, direction: 'ASC' | 'DESC', where = 'true', values: unknown[] = []): Promise<string[]> {
    const found: Array<{ id: string }> = await h.database.dataSource.query(
      `SELECT id FROM integrations WHERE ${where} ORDER BY ${SORT_SQL[field]} ${direction} NULLS LAST, id ${direction}`,
      values,
    );
    return found.map((r) => r.id);
  }
  const summary = () => page.locator('integrations-view p.summary');

  async function signIn(token: string): Promise<void> {
    await page.locator('sign-in-view #token').fill(token);
    await page.locator('sign-in-view button[type=submit]').click();
  }

  async function axeScan(name: string): Promise<void> {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Node, options: object): Promise<AxeResult> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    });
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    expect(found, `axe violations on ${name}`).toEqual([]);
  }

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `admin-${name}.png`), fullPage: true });
  }

  async function integrationId(name: string, tenantName: string): Promise<string> {
    const found: Array<{ id: string }> = await h.database.dataSource.query(
      'SELECT i.id FROM integrations i JOIN tenants t ON t.id = i.tenant_id WHERE i.name = $1 AND t.name = $2',
      [name, tenantName],
    );
    expect(found).toHaveLength(1);
    return found[0]!.id;
  }

  it('serves the console with a strict CSP and falls back to index.html', async () => {
    const root = await fetch(`${h.base}/admin/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-security-policy')).toBe(ADMIN_CSP);
    expect(await root.text()).toContain('<admin-app>');
    const deep = await fetch(`${h.base}/admin/integrations/anything`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<admin-app>');
    expect((await fetch(`${h.base}/admin/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${h.base}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/');
  });

  it('signs in with a staff token only, keeping the filters in the URL', async () => {
    await page.goto(`${h.base}/admin/#/integrations?status=REVOKED`);
    await expect.poll(() => page.locator('sign-in-view h1').textContent()).toContain('Sign in');
    await shot('sign-in');
    await axeScan('sign-in');

    await signIn('not-a-real-token-at-all');
    await expect.poll(() => page.locator('sign-in-view #token-problem').textContent()).toContain('not valid');
    await signIn(seed.tenants[0]!.apiKey);
    await expect.poll(() => page.locator('sign-in-view #token-problem').textContent()).toContain('not a staff token');

    await signIn(staffToken());
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(seed.byStatus.REVOKED));
    expect(page.url()).toContain('#/integrations?status=REVOKED');
    expect(await rows().count()).toBe(seed.byStatus.REVOKED);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
  });

  it('filters and pages on the server and shows the right rows', async () => {
    await page.goto(`${h.base}/admin/#/integrations?size=25`);
    await expect.poll(() => summary().getAttribute('data-total')).toBe('21');

    // Filter to Facebook and compare with the database, row by row in the API's order.
    const expected: Array<{ name: string }> = await h.database.dataSource.query(
      `SELECT name FROM integrations WHERE provider = 'FACEBOOK' ORDER BY created_at, id`,
    );
    await page.locator('integrations-view #provider').selectOption('FACEBOOK');
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(expected.length));
    expect(await rows().locator('td:first-child a').allTextContents()).toEqual(expected.map((r) => r.name));

    await page.locator('integrations-view #q').fill('northwind');
    await expect.poll(() => summary().getAttribute('data-total')).toBe('6');
    expect(new Set(await rows().locator('td:nth-child(2)').allTextContents())).toEqual(new Set(['Acme Outdoor Co.', 'Bluebird Bakery', 'Cobalt Fitness']));

    await page.locator('integrations-view #tenant').fill('Bluebird Bakery');
    await page.locator('integrations-view #tenant').press('Enter');
    await expect.poll(() => summary().getAttribute('data-total')).toBe('2');
    expect(page.url()).toMatch(/tenant=[0-9a-f-]{36}/);

    await page.locator('integrations-view button:has-text("Clear filters")').click();
    await expect.poll(() => summary().getAttribute('data-total')).toBe('21');
    await page.locator('integrations-view #cause').selectOption('PASSWORD_CHANGED');
    await expect.poll(() => summary().getAttribute('data-total')).toBe('6');
    await page.locator('integrations-view button:has-text("Clear filters")').click();

    // Relay paging: 21 rows in pages of 25 is one page; filter by status chips and page through 50 → use the API's own order.
    await page.goto(`${h.base}/admin/#/integrations`);
    await page.locator('integrations-view .chips button:has-text("Revoked")').click();
    await page.locator('integrations-view .chips button:has-text("Expired")').click();
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(seed.byStatus.REVOKED! + seed.byStatus.EXPIRED!));
    expect(page.url()).toContain('status=REVOKED%2CEXPIRED');
    await axeScan('integrations');
    await shot('integrations');
  });

  it('pages through results with cursors', async () => {
    // 21 integrations, but the smallest page size is 25: page with the API directly through the URL size cap instead.
    await page.goto(`${h.base}/admin/#/integrations?size=25&q=a`);
    await expect.poll(async () => Number(await summary().getAttribute('data-total'))).toBeGreaterThan(0);
    const all: Array<{ id: string }> = await h.database.dataSource.query(`SELECT id FROM integrations ORDER BY created_at, id`);
    // Make 30 more integrations for one tenant so two pages exist (rows straight in the table: paging is what is tested).
    const tenantId = seed.tenants[3]!.id;
    for (let i = 0; i < 30; i += 1) {
      await h.database.dataSource.query(
        `INSERT INTO integrations (tenant_id, provider, external_account_id, name, status, created_at) VALUES ($1, 'GOOGLE', $2, $3, 'DISCONNECTED', now() - interval '1 day' + $4 * interval '1 second')`,
        [tenantId, `900000${String(i).padStart(4, '0')}`, `Paging test ${String(i).padStart(2, '0')}`, i],
      );
    }
    await page.goto(`${h.base}/admin/#/integrations?size=25&q=paging%20test`);
    await expect.poll(() => summary().getAttribute('data-total')).toBe('30');
    expect(await rows().count()).toBe(25);
    expect(await rows().first().locator('td:first-child a').textContent()).toBe('Paging test 00');
    await page.locator('integrations-view button:has-text("Next page")').click();
    await expect.poll(() => rows().count()).toBe(5);
    expect(await rows().first().locator('td:first-child a').textContent()).toBe('Paging test 25');
    expect(await summary().textContent()).toContain('26–30 of 30');
    expect(page.url()).toContain('after=');
    await page.locator('integrations-view button:has-text("Previous page")').click();
    await expect.poll(() => rows().count()).toBe(25);
    expect(await rows().first().locator('td:first-child a').textContent()).toBe('Paging test 00');

    // Sorted by name, newest name first: the cursors continue that order across pages.
    await header('NAME').locator('button').click();
    await expect.poll(() => page.url()).toContain('sort=NAME');
    await header('NAME').locator('button').click();
    const byNameDesc = await dbOrder('NAME', 'DESC', `lower(name) LIKE 'paging test %'`);
    await expect.poll(() => rowIds()).toEqual(byNameDesc.slice(0, 25));
    expect(page.url()).toContain('sort=NAME&dir=DESC');
    expect(page.url()).not.toContain('after=');
    await page.locator('integrations-view button:has-text("Next page")').click();
    await expect.poll(() => rowIds()).toEqual(byNameDesc.slice(25));
    expect(await summary().textContent()).toContain('26–30 of 30');
    await h.database.dataSource.query(`DELETE FROM integrations WHERE name LIKE 'Paging test %'`);
    expect(all.length).toBe(21);
  });

  it('sorts on the server by each sortable column, both ways, with aria-sort and the order in the URL', async () => {
    await page.goto(`${h.base}/admin/#/integrations?size=100`);
    await expect.poll(() => rowIds()).toEqual(await dbOrder('CREATED_AT', 'ASC'));
    expect(await header('CREATED_AT').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('NAME').getAttribute('aria-sort')).toBe('none');

    // Each header: the first click, then the other way. Untracked-for shows durations, so its key runs the other way round.
    const columns: Array<{ field: string; first: 'ASC' | 'DESC'; ariaFirst: string }> = [
      { field: 'NAME', first: 'ASC', ariaFirst: 'ascending' },
      { field: 'STATUS_CHANGED_AT', first: 'DESC', ariaFirst: 'descending' },
      { field: 'UNTRACKED_SINCE', first: 'ASC', ariaFirst: 'descending' },
      { field: 'CREATED_AT', first: 'DESC', ariaFirst: 'descending' },
    ];
    for (const { field, first, ariaFirst } of columns) {
      const second = first === 'ASC' ? 'DESC' : 'ASC';
      await header(field).locator('button').click();
      await expect.poll(() => rowIds(), { message: `${field} ${first}` }).toEqual(await dbOrder(field, first));
      expect(await header(field).getAttribute('aria-sort')).toBe(ariaFirst);
      expect(await page.locator('integrations-view th[aria-sort="ascending"], integrations-view th[aria-sort="descending"]').count()).toBe(1);
      expect(page.url()).toContain(`sort=${field}`);
      await header(field).locator('button').click();
      await expect.poll(() => rowIds(), { message: `${field} ${second}` }).toEqual(await dbOrder(field, second));
      expect(await header(field).getAttribute('aria-sort')).toBe(ariaFirst === 'ascending' ? 'descending' : 'ascending');
    }
    // Back at the default order (connected, oldest first): the URL says nothing about sorting.
    await expect.poll(() => page.url()).not.toContain('sort=');

    // Longest untracked first, kept through a filter change and a reload; integrations being tracked come last.
    await header('UNTRACKED_SINCE').locator('button').click();
    await expect.poll(() => rowIds()).toEqual(await dbOrder('UNTRACKED_SINCE', 'ASC'));
    await page.locator('integrations-view #provider').selectOption('GOOGLE');
    await expect.poll(() => rowIds()).toEqual(await dbOrder('UNTRACKED_SINCE', 'ASC', `provider = 'GOOGLE'`));
    expect(page.url()).toContain('sort=UNTRACKED_SINCE');
    expect(page.url()).toContain('provider=GOOGLE');
    await page.reload();
    await expect.poll(() => rowIds()).toEqual(await dbOrder('UNTRACKED_SINCE', 'ASC', `provider = 'GOOGLE'`));
    expect(await header('UNTRACKED_SINCE').getAttribute('aria-sort')).toBe('descending');
    const tracked = (await rows().locator('td:nth-child(6)').allTextContents()).map((t) => t.trim());
    expect(tracked.indexOf('—')).toBeGreaterThan(0);
    expect(tracked.slice(tracked.indexOf('—')).every((t) => t === '—')).toBe(true);
    // The focus stays on the header button while the table re-sorts (keyboard users keep their place).
    await header('NAME').locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowIds()).toEqual(await dbOrder('NAME', 'ASC', `provider = 'GOOGLE'`));
    expect(await header('NAME').locator('button').evaluate((button) => button.matches(':focus'))).toBe(true);
    await axeScan('integrations sorted');
    await shot('integrations-sorted');
  });

  it('links a blast-radius person to the integrations they authorized', async () => {
    const [agency] = (await h.database.dataSource.query(`SELECT id, name FROM provider_identities WHERE name LIKE 'Jordan Reyes%'`)) as Array<{ id: string; name: string }>;
    const theirs = await dbOrder('CREATED_AT', 'ASC', `identity_id = $1 AND status <> 'DISCONNECTED'`, [agency!.id]);
    expect(theirs.length).toBeGreaterThan(2);
    await page.goto(`${h.base}/admin/#/blast-radius`);
    const blast = page.locator('blast-radius-view');
    const link = blast.locator('tr[data-agency="true"] a');
    await expect.poll(() => link.textContent()).toContain(String(theirs.length));
    await link.click();
    await expect.poll(() => page.url()).toContain(`identity=${agency!.id}`);
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(theirs.length));
    await expect.poll(() => rowIds()).toEqual(theirs);
    expect(new Set(await rows().locator('td:nth-child(7)').allTextContents())).toEqual(new Set([agency!.name]));
    expect(await page.locator('integrations-view [data-identity-filter]').textContent()).toContain(agency!.name);

    // Sorted within the person's integrations, then everyone's again.
    await header('UNTRACKED_SINCE').locator('button').click();
    await expect.poll(() => rowIds()).toEqual(await dbOrder('UNTRACKED_SINCE', 'ASC', `identity_id = $1 AND status <> 'DISCONNECTED'`, [agency!.id]));
    await axeScan('integrations of one person');
    await shot('integrations-person');
    await page.locator('integrations-view [data-identity-filter] button').click();
    await expect.poll(() => page.url()).not.toContain('identity=');
    await expect.poll(() => page.locator('integrations-view [data-identity-filter]').count()).toBe(0);
    expect(page.url()).toContain('sort=UNTRACKED_SINCE');

    // The detail page offers the same list for its authorizing person.
    const id = await integrationId('Northwind – Prospecting', 'Acme Outdoor Co.');
    await page.goto(`${h.base}/admin/#/integrations/${id}`);
    await page.locator('integration-detail-view dl.facts a:has-text("their integrations")').click();
    await expect.poll(() => rowIds()).toEqual(theirs);
  });

  it('shows the detail: cause, timeline and untracked windows of the seeded history', async () => {
    const id = await integrationId('Northwind – Prospecting', 'Acme Outdoor Co.');
    const windows: Array<{ ended_at: Date | null }> = await h.database.dataSource.query('SELECT ended_at FROM untracked_windows WHERE integration_id = $1', [id]);
    const events: Array<{ type: string }> = await h.database.dataSource.query('SELECT type FROM integration_events WHERE integration_id = $1', [id]);
    expect(windows.length).toBeGreaterThan(2);

    await page.goto(`${h.base}/admin/#/integrations`);
    await page.locator('integrations-view #q').fill('Northwind – Prospecting');
    await expect.poll(() => summary().getAttribute('data-total')).toBe('3');
    await page.locator(`integrations-view tr[data-id="${id}"] a`).click();
    await expect.poll(() => page.locator('integration-detail-view h1').textContent()).toBe('Northwind – Prospecting');
    const detail = page.locator('integration-detail-view');
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('REVOKED');
    expect(await detail.locator('#cause-title').textContent()).toBeTruthy();
    expect(await detail.locator('.cause').textContent()).toMatch(/What to do/);
    expect(await detail.locator('window-timeline g.window').count()).toBe(windows.length);
    expect(await detail.locator('window-timeline g.window[data-open="true"]').count()).toBe(1);
    expect(await detail.locator('tbody tr').count()).toBe(windows.length);
    expect(await detail.locator('tr[data-window-open="true"]').count()).toBe(1);
    expect(await detail.locator('ol.timeline li').count()).toBe(events.length);
    expect(await detail.locator('ol.timeline li[data-event-type="connected"]').count()).toBe(1);
    expect(await detail.locator('ol.timeline li[data-event-type="reauthorized"]').count()).toBe(windows.length - 1);
    expect(await detail.locator('dl.facts').textContent()).toContain('Jordan Reyes (Northwind Agency)');

    await detail.locator('a.back').click();
    await expect.poll(() => page.url()).toContain('q=Northwind');
    await page.goBack();
    await expect.poll(() => page.locator('integration-detail-view h1').textContent()).toBe('Northwind – Prospecting');
    await axeScan('integration detail');
    await shot('integration-detail');
  });

  it('rechecks an integration and shows the provider\'s fresh answer', async () => {
    const id = await integrationId('Cobalt YouTube', 'Cobalt Fitness');
    await page.goto(`${h.base}/admin/#/integrations/${id}`);
    const detail = page.locator('integration-detail-view');
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('UNREACHABLE');
    await detail.locator('button:has-text("Recheck now")').click();
    await expect.poll(() => detail.locator('[data-outcome]').textContent()).toContain('Unreachable → Healthy');
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('HEALTHY');
    const audit: Array<{ action: string }> = await h.database.dataSource.query(`SELECT action FROM audit_log WHERE target_id = $1`, [id]);
    expect(audit.map((a) => a.action)).toContain('integration.recheck');

    await detail.locator('button:has-text("Copy reauthorization link")').click();
    await expect.poll(() => detail.locator('#reauth-link').inputValue()).toContain('/auth/google/start?ticket=');
  });

  it('disconnects only after confirmation', async () => {
    const id = await integrationId('Delta Dental – Display', 'Delta Dental Group');
    await page.goto(`${h.base}/admin/#/integrations/${id}`);
    const detail = page.locator('integration-detail-view');
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('HEALTHY');
    await detail.locator('button:has-text("Disconnect…")').click();
    await expect.poll(() => detail.locator('dialog').getAttribute('open')).toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.locator('dialog').getAttribute('open')).toBeNull();
    expect(await detail.locator('.status-line').getAttribute('data-status')).toBe('HEALTHY');

    await detail.locator('button:has-text("Disconnect…")').click();
    await detail.locator('dialog button[value="confirm"]').click();
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('DISCONNECTED');
    expect(await detail.locator('[data-outcome]').textContent()).toContain('is disconnected');
  });

  it('shows a live change without a reload', async () => {
    const id = await integrationId('Acme – Spring Catalog', 'Acme Outdoor Co.');
    await page.goto(`${h.base}/admin/#/integrations/${id}`);
    const detail = page.locator('integration-detail-view');
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status')).toBe('HEALTHY');
    await expect.poll(() => page.locator('admin-app [data-live-state]').getAttribute('data-live-state')).toBe('live');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    // The tenant listens for changes: the detail's timeline shows the notification it is sent.
    const tenantId = seed.tenants.find((t) => t.name === 'Acme Outdoor Co.')!.id;
    await h.relink.services.webhookEndpoints.register({ kind: 'TENANT', tenantId, apiKeyId: 'e2e' }, tenantId, 'http://localhost:9/relink-hook');

    // The provider side first, then the change as the monitor would apply it.
    const users = (await h.control<{ users: Array<{ userId: string; name: string }> }>('/users')).users;
    await h.invalidate(users.find((u) => u.name === 'Maya Chen')!.userId, 'SECURITY_CHECKPOINT');
    const [row] = (await h.database.dataSource.query('SELECT credential_version FROM integrations WHERE id = $1', [id])) as Array<{ credential_version: number }>;
    await h.relink.services.status.apply(
      id,
      { type: 'CHECK_INVALID', at: new Date(), credentialVersion: row!.credential_version, cause: 'SECURITY_CHECKPOINT' },
      { actor: 'monitor', eventType: 'checked' },
    );
    await expect.poll(() => detail.locator('.status-line').getAttribute('data-status'), { timeout: 15_000 }).toBe('REVOKED');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
    await expect.poll(() => detail.locator('ol.timeline li[data-event-type="notification"]').count()).toBe(1);
    expect(await detail.locator('ol.timeline li[data-event-type="notification"]').textContent()).toContain('http://localhost:9/relink-hook');

    await page.locator('admin-app nav a:has-text("Overview")').click();
    await expect.poll(() => page.locator('overview-view [data-live-feed]').textContent()).toContain('Acme – Spring Catalog');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  it('draws the overview, blast radius and audit log', async () => {
    await page.goto(`${h.base}/admin/#/overview?days=90`);
    const overview = page.locator('overview-view');
    await expect.poll(() => overview.locator('[data-stat="total"]').textContent()).toBe('21');
    expect(await overview.locator('stacked-bar-chart').first().locator('rect.bar').count()).toBeGreaterThan(20);
    expect(await overview.locator('table').first().textContent()).toContain('Acme Search');
    await axeScan('overview');
    await shot('overview');

    await page.locator('admin-app nav a:has-text("Blast radius")').click();
    const blast = page.locator('blast-radius-view');
    await expect.poll(() => blast.locator('tr[data-agency="true"]').count()).toBe(1);
    expect(await blast.locator('tr[data-agency="true"] th').textContent()).toContain('Jordan Reyes');
    expect(await blast.locator('.advice').textContent()).toContain('its own');
    await axeScan('blast radius');
    await shot('blast-radius');

    await page.locator('admin-app nav a:has-text("Audit log")').click();
    const audit = page.locator('audit-log-view');
    await expect.poll(() => audit.locator('tr[data-action="integration.recheck"]').count()).toBe(1);
    expect(await audit.locator('tr[data-action="integration.recheck"]').textContent()).toContain('Bootstrap admin');
    expect(await audit.locator('tr[data-action="integration.reauthorize.start"]').count()).toBe(1);
    await axeScan('audit log');
    await shot('audit-log');
  });

  it('returns to sign-in when the staff token stops working, keeping the page and its filters', async () => {
    const bootstrap = { kind: 'STAFF' as const, staffId: 'bootstrap', name: 'Bootstrap admin' };
    const created = await h.relink.services.staff.createToken(bootstrap, 'Temporary support', 'temp@example.com');
    await page.locator('admin-app button:has-text("Sign out")').click();
    await expect.poll(() => page.locator('sign-in-view .notice').textContent()).toContain('signed out');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    const googleSearch: Array<{ name: string; cause: string | null }> = await h.database.dataSource.query(
      `SELECT name, cause FROM integrations WHERE provider = 'GOOGLE' AND lower(name) LIKE '%search%'`,
    );
    expect(googleSearch.length).toBeGreaterThan(1);
    await page.goto(`${h.base}/admin/#/integrations?provider=GOOGLE&q=search`);
    await signIn(created.token);
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(googleSearch.length));

    await h.relink.services.staff.disable(bootstrap, created.staff.id);
    await page.locator('integrations-view #cause').selectOption('ADMIN_POLICY');
    await expect.poll(() => page.locator('sign-in-view .notice').textContent()).toContain('session has ended');
    expect(page.url()).toContain('provider=GOOGLE');
    expect(page.url()).toContain('cause=ADMIN_POLICY');
    await signIn(staffToken());
    await expect.poll(() => summary().getAttribute('data-total')).toBe(String(googleSearch.filter((r) => r.cause === 'ADMIN_POLICY').length));
    expect(await page.locator('integrations-view #q').inputValue()).toBe('search');
  });

  it('raised no CSP violations or page errors, and no token secret ever reached the browser', async () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(apiBodies.length).toBeGreaterThan(20);
    const ids: Array<{ id: string }> = await h.database.dataSource.query('SELECT id FROM credentials');
    const tokens = [...(await h.relink.services.credentials.loadMany(ids.map((r) => r.id))).values()]
      .flatMap((c) => [c.accessToken, c.refreshToken])
      .filter((t): t is string => Boolean(t));
    expect(tokens.length).toBeGreaterThan(10);
    for (const body of apiBodies) {
      expect(body).not.toMatch(/EAA[A-Za-z0-9]{20}|ya29\.|1\/\/0[A-Za-z0-9_-]{20}/);
      for (const token of tokens) expect(body.includes(token)).toBe(false);
    }
  });
});
