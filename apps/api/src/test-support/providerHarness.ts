import { createServer } from 'node:net';
import { createTestDatabase, type RelinkDatabase } from '@relink/db';
import type { Provider } from '@relink/core';
import { createApp, type RelinkApp } from '../app.js';
import type { Config } from '../config.js';
import { testConfig } from './testConfig.js';

/** A port nobody listens on right now (the app's public URL must name its real port for the sandbox). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface SandboxUser {
  userId: string;
  email: string;
  name: string;
}

export interface FlowResult {
  /** The last response: the done page (or JSON), or a redirect to returnTo. */
  response: Response;
  /** Every URL visited, in order (for assertions on the provider URLs). */
  visited: string[];
  body: string;
}

/** The app on a real port with the sandbox mounted, and helpers to drive the sandbox over HTTP. */
export interface ProviderHarness {
  relink: RelinkApp;
  database: RelinkDatabase;
  config: Config;
  base: string;
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  createUser(provider: Provider, name: string, extra?: Record<string, unknown>): Promise<SandboxUser>;
  addAdAccount(userId: string, name: string): Promise<{ accountId: string; numericId: string }>;
  invalidate(userId: string, cause: string): Promise<{ at: string; notices: Array<Record<string, unknown>> }>;
  sandboxNow(): Promise<Date>;
  /** Follows an authorization URL through start → provider → callback without a browser. */
  follow(url: string, options?: { accept?: string; maxHops?: number }): Promise<FlowResult>;
  /** A tenant row seeded directly. */
  seedTenant(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startProviderHarness(name: string, overrides: Record<string, string> = {}): Promise<ProviderHarness> {
  const database = await createTestDatabase(name);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = testConfig({ RELINK_PUBLIC_URL: base, ...overrides });
  const relink = await createApp(config, { database });
  await new Promise<void>((resolve) => relink.server.listen(port, '127.0.0.1', resolve));

  const control = async <T,>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/sandbox/control${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`sandbox control ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  return {
    relink,
    database,
    config,
    base,
    control,
    createUser: (provider, userName, extra = {}) => control<SandboxUser>('/users', { provider, name: userName, ...extra }),
    addAdAccount: (userId, accountName) => control(`/users/${userId}/ad-accounts`, { name: accountName }),
    invalidate: (userId, cause) => control(`/users/${userId}/invalidate`, { cause }),
    async sandboxNow() {
      return new Date((await control<{ now: string }>('/clock')).now);
    },
    async follow(url, options = {}) {
      const visited: string[] = [];
      let next = url;
      for (let hop = 0; hop < (options.maxHops ?? 8); hop += 1) {
        visited.push(next);
        const response = await fetch(next, { redirect: 'manual', headers: options.accept ? { accept: options.accept } : {} });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location && new URL(location, next).origin === base) {
          await response.arrayBuffer();
          next = new URL(location, next).toString();
          continue;
        }
        return { response, visited, body: await response.text() };
      }
      throw new Error(`more than ${options.maxHops ?? 8} redirects: ${visited.join(' → ')}`);
    },
    async seedTenant(tenantName) {
      const rows: Array<{ id: string }> = await database.dataSource.query('INSERT INTO tenants (name) VALUES ($1) RETURNING id', [tenantName]);
      return rows[0]!.id;
    },
    async close() {
      await relink.close();
      await database.close();
    },
  };
}

/** The JSON the done page hands to /auth/done.js. */
export function donePageData(html: string): { openerOrigin?: string; message?: { source: string; type: string; ok: boolean; error?: string; integrationIds?: string[] } } {
  const match = /<script type="application\/json" id="relink-result">([\s\S]*?)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no relink-result block in the page');
  return JSON.parse(match[1]) as ReturnType<typeof donePageData>;
}
