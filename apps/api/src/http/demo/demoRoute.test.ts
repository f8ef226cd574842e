import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import type { Services } from '../../services/services.js';
import { startProviderHarness, type ProviderHarness } from '../../test-support/providerHarness.js';
import { demoRoute } from '../demoRoute.js';

// /demo/ against the real app: the Demo tenant is set up through the sandbox on first request,
// the page carries a widget session that works from this origin, and the helpers are same-origin only.

describe('/demo/ host page', { timeout: 120_000 }, () => {
  let h: ProviderHarness;

  beforeAll(async () => {
    h = await startProviderHarness('demo-route');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const page = async () => {
    const response = await fetch(`${h.base}/demo/`);
    return { response, html: await response.text() };
  };

  it('sets up the Demo tenant once and serves the page with a working widget session under a strict CSP', async () => {
    const { response, html } = await page();
    expect(response.status, html).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).toContain('<script type="module" src="/widget/relink-banner.js"></script>');
    const token = /session-token="([^"]+)"/.exec(html)?.[1];
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(html).toContain(`api="${h.base}"`);

    // Every cause of both providers has a button; deauthorize / RISC ones say they are pushed.
    for (const cause of ['PASSWORD_CHANGED', 'APP_DEAUTHORIZED', 'SECURITY_CHECKPOINT', 'ACCOUNT_DISABLED', 'ADMIN_POLICY', 'TOKEN_LIMIT_EXCEEDED']) {
      expect(html).toContain(`data-cause="${cause}"`);
    }
    expect(html.match(/class="invalidate"/g)).toHaveLength(7 + 10);
    expect(html).toMatch(/data-cause="APP_DEAUTHORIZED">[^<]+<\/button>\s*<span class="how pushed">/);

    // The token reads the demo tenant's integrations from this origin only.
    const query = (origin: string) =>
      fetch(`${h.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin },
        body: JSON.stringify({ query: '{ viewer { kind tenant { name } } integrations { totalCount edges { node { name status provider } } } }' }),
      }).then((r) => r.json() as Promise<{ data?: { viewer: { kind: string; tenant: { name: string } }; integrations: { totalCount: number; edges: Array<{ node: { name: string; status: string } }> } }; errors?: unknown[] }>);
    const own = await query(h.base);
    expect(own.errors).toBeUndefined();
    expect(own.data?.viewer).toEqual({ kind: 'WIDGET', tenant: { name: 'Demo tenant' } });
    expect(own.data?.integrations.edges.map((e) => e.node.name).sort()).toEqual(['Demo Search Campaigns', 'Demo Shop AT', 'Demo Shop DE']);
    expect(own.data?.integrations.edges.every((e) => e.node.status === 'HEALTHY')).toBe(true);
    expect((await query('http://elsewhere.test')).errors).toBeDefined();

    // A second load reuses the tenant and its sandbox people.
    const again = await page();
    expect(again.response.status).toBe(200);
    const tenants: Array<{ count: number }> = await h.database.dataSource.query("SELECT count(*)::int AS count FROM tenants WHERE name = 'Demo tenant'");
    expect(tenants[0]?.count).toBe(1);
    const users = (await h.control<{ users: Array<{ email: string }> }>('/users')).users.filter((u) => u.email.includes('sandbox.relink.test'));
    expect(users).toHaveLength(2);
  });

  it('serves demo.js and demo.css, and redirects other host names to the public origin', async () => {
    for (const [file, type] of [['demo.js', 'text/javascript'], ['demo.css', 'text/css']]) {
      const response = await fetch(`${h.base}/demo/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect((await response.text()).length).toBeGreaterThan(200);
    }
    const other = await fetch(`${h.base.replace('127.0.0.1', 'localhost')}/demo/`, { redirect: 'manual' });
    expect(other.status).toBe(302);
    expect(other.headers.get('location')).toBe(`${h.base}/demo/`);
    expect((await fetch(`${h.base}/demo`, { redirect: 'manual' })).headers.get('location')).toBe('/demo/');
  });

  it('mints sessions and rechecks only for its own origin', async () => {
    expect((await fetch(`${h.base}/demo/session`, { method: 'POST' })).status).toBe(403);
    expect((await fetch(`${h.base}/demo/recheck`, { method: 'POST', headers: { origin: 'http://evil.test' } })).status).toBe(403);
    const session = (await (await fetch(`${h.base}/demo/session`, { method: 'POST', headers: { origin: h.base } })).json()) as { token: string; expiresAt: string };
    expect(session.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    const recheck = (await (await fetch(`${h.base}/demo/recheck`, { method: 'POST', headers: { origin: h.base } })).json()) as { checked: number; failed: string[] };
    expect(recheck).toEqual({ checked: 3, failed: [] });
  });

  it('does not exist in production', async () => {
    const production = loadConfig({ NODE_ENV: 'production', RELINK_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`, RELINK_ADMIN_TOKEN: 'a-long-enough-admin-token' });
    const app = express().use(demoRoute({ config: production } as Services, createLogger('production')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect((await fetch(`http://127.0.0.1:${port}/demo/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/demo/demo.js`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
