import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetRoute } from './widgetRoute.js';

describe('widgetRoute', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'relink-widget-')), 'relink-banner.js');
  writeFileSync(file, 'export const banner = 1;\n');
  const server = express().use(widgetRoute(file));
  let listening: ReturnType<typeof server.listen>;
  let base: string;
  beforeAll(async () => {
    listening = await new Promise((resolve) => {
      const s = server.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => listening.close(() => resolve())));

  it('serves the bundle as a CORS-enabled module with a revalidated cache', async () => {
    const res = await fetch(`${base}/widget/relink-banner.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toContain('max-age=300');
    expect(await res.text()).toBe('export const banner = 1;\n');
    const again = await fetch(`${base}/widget/relink-banner.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves an immutable content-hashed alias and 404s a stale hash', async () => {
    const { bundle } = (await (await fetch(`${base}/widget/manifest.json`)).json()) as { bundle: string };
    const hashed = await fetch(base + bundle);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/widget/relink-banner.0000000000000000.js`)).status).toBe(404);
  });

  it('says how to build the bundle when it is missing', async () => {
    const app = express().use(widgetRoute('/nonexistent/relink-banner.js'));
    const missing = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const res = await fetch(`http://127.0.0.1:${(missing.address() as AddressInfo).port}/widget/relink-banner.js`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/pnpm --filter @relink\/widget build/);
    missing.close();
  });
});
