import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type RelinkDatabase } from '@relink/db';
import { createApp, type RelinkApp } from './app.js';
import { testConfig } from './test-support/testConfig.js';

describe('createApp', () => {
  let database: RelinkDatabase;
  let relink: RelinkApp;
  let base: string;
  const config = testConfig();

  beforeAll(async () => {
    database = await createTestDatabase('api_app');
    relink = await createApp(config, { database });
    await new Promise<void>((resolve) => relink.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(relink.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await relink?.close();
    await database?.close();
  });

  const gql = async (query: string, token?: string) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions: { code: string } }> } };
  };

  it('answers /healthz with the database ok', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers viewer without a token as ANONYMOUS', async () => {
    const { body } = await gql('{ viewer { kind tenant { id } } }');
    expect(body.data).toEqual({ viewer: { kind: 'ANONYMOUS', tenant: null } });
  });

  it('recognises the bootstrap staff token', async () => {
    const { body } = await gql('{ viewer { kind } }', config.adminToken);
    expect(body.data).toEqual({ viewer: { kind: 'STAFF' } });
  });

  it('refuses an unknown token with UNAUTHENTICATED and a message to act on', async () => {
    const { body } = await gql('{ viewer { kind } }', 'not-a-real-token');
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/not valid/);
  });
});

describe('/healthz when the database is down', () => {
  it('answers 503 naming the database', async () => {
    const database = await createTestDatabase('api_health_down');
    const relink = await createApp(testConfig(), { database });
    await new Promise<void>((resolve) => relink.server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(relink.server.address() as AddressInfo).port}`;
    await database.close();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', db: 'unreachable' });
    await relink.close();
  });
});
