import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvalidationCause, StatusEvent } from '@relink/core';
import { createDatabase, createTestDatabase, Integration, ProviderIdentity, TEST_DATABASE_URL_VARIABLE, type RelinkDatabase } from '@relink/db';
import { createApp, type RelinkApp } from '../app.js';
import { testConfig } from '../test-support/testConfig.js';

const url = process.env[TEST_DATABASE_URL_VARIABLE];
const DB = url ? 'PostgreSQL (two API instances, each with its own pool and LISTEN connection)' : 'PGlite (two API instances over the one embedded connection)';

/** The widget's banner query (packages/widget/src/queries.ts), as the widget sends it. */
const BANNER_QUERY =
  'query RelinkBannerIntegrations{integrations(first:100,filter:{status:[EXPIRED,REVOKED,EXPIRING_SOON,UNREACHABLE]})' +
  '{edges{node{id provider name status needsReauthorization statusChangedAt tokenExpiresAt untrackedSince ' +
  'authorizedBy{provider externalUserId name}cause{code title explanation action securityRelated}}}}}';
const SUMMARY_QUERY = '{ healthSummary { total byStatus { status count } } }';

interface BannerNode {
  id: string;
  name: string;
  status: string;
  cause: { code: string } | null;
  authorizedBy: { name: string } | null;
}
interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  json: { data?: { integrations?: { edges: Array<{ node: BannerNode }> }; healthSummary?: { total: number; byStatus: Array<{ status: string; count: number }> } }; errors?: unknown[] };
}

const CAUSES: InvalidationCause[] = ['PASSWORD_CHANGED', 'PERMISSIONS_CHANGED', 'SESSION_INVALIDATED', 'APP_DEAUTHORIZED'];

describe(`read cache on ${DB}`, () => {
  let dbA: RelinkDatabase;
  let dbB: RelinkDatabase;
  let writer: RelinkApp;
  let reader: RelinkApp;
  let readerBase: string;
  let apiKey: string;
  let tenantId: string;
  let integrationId: string;

  const listen = async (relink: RelinkApp) => {
    relink.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => relink.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(relink.server.address() as AddressInfo).port}`;
  };
  const post = async (base: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type'), text, json: JSON.parse(text) as Answer['json'] };
  };
  const banner = async () => {
    const answer = await post(readerBase, { query: BANNER_QUERY, variables: {} }, { accept: 'application/graphql-response+json, application/json' });
    expect(answer.json.errors).toBeUndefined();
    return answer.json.data!.integrations!.edges.map((e) => e.node);
  };
  const stats = () => reader.readPath!.cache.stats();

  beforeAll(async () => {
    dbA = await createTestDatabase('readpath');
    dbB = url ? await createDatabase({ url, schema: dbA.schema }) : dbA;
    const config = testConfig();
    writer = await createApp(config, { database: dbA });
    reader = await createApp(config, { database: dbB });
    const writerBase = await listen(writer);
    readerBase = await listen(reader);
    const created = await fetch(`${writerBase}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.adminToken}` },
      body: JSON.stringify({ query: 'mutation { createTenant(name: "Read path") { tenant { id } apiKey } }' }),
    }).then((r) => r.json() as Promise<{ data: { createTenant: { tenant: { id: string }; apiKey: string } } }>);
    tenantId = created.data.createTenant.tenant.id;
    apiKey = created.data.createTenant.apiKey;
    const identity = await dbA.dataSource.getRepository(ProviderIdentity).save({ provider: 'FACEBOOK', externalUserId: `reader-${Date.now()}`, name: 'Dana Reader', email: null });
    const integrations = dbA.dataSource.getRepository(Integration);
    const row = await integrations.save({ tenantId, provider: 'FACEBOOK', externalAccountId: 'act_900001', name: 'Main account', identityId: identity.id, nextCheckAt: new Date(Date.now() + 3_600_000) });
    integrationId = row.id;
    // A neighbour that stays REVOKED, so the banner list is never empty.
    await integrations.save({ tenantId, provider: 'GOOGLE', externalAccountId: '900000002', name: 'Old account', status: 'REVOKED', cause: 'TOKEN_EXPIRED', identityId: identity.id });
  }, 120_000);

  afterAll(async () => {
    await reader?.close();
    await writer?.close();
    if (url) await dbB?.close();
    await dbA?.close();
  });

  it('change a status through one instance, read through the other at once, 1,000 times: never stale, and served from the cache in between', async () => {
    const start = Date.UTC(2026, 10, 1, 12);
    let credentialVersion = 1;
    await writer.services.status.apply(integrationId, { type: 'TOKEN_ISSUED', at: new Date(start), credentialVersion }, { actor: 'test', eventType: 'connected' });
    const before = stats();
    for (let i = 1; i <= 1_000; i++) {
      const at = new Date(start + i * 1_000);
      const revoke = i % 2 === 1;
      const cause = CAUSES[i % CAUSES.length]!;
      if (!revoke) credentialVersion++;
      const event: StatusEvent = revoke
        ? { type: 'CHECK_INVALID', at, credentialVersion, cause }
        : { type: 'TOKEN_ISSUED', at, credentialVersion };
      const applied = await writer.services.status.apply(integrationId, event, { actor: 'test', eventType: revoke ? 'checked' : 'reauthorized' });
      expect(applied.integration.status).toBe(revoke ? 'REVOKED' : 'HEALTHY');

      // Immediately after the commit, through the other instance: first read, then a second (a cache hit).
      for (let read = 0; read < 2; read++) {
        const mine = (await banner()).find((n) => n.id === integrationId);
        if (revoke) {
          expect(mine, `iteration ${i}, read ${read}`).toMatchObject({ status: 'REVOKED', cause: { code: cause } });
        } else {
          expect(mine, `iteration ${i}, read ${read}: a HEALTHY integration must leave the banner`).toBeUndefined();
        }
      }
    }
    const after = stats();
    // (Nearly) every second read was answered from the cache, before Apollo: the check above really covered
    // cached answers. A StatusBus notice arriving after the first read drops that fresh entry: a miss, never stale.
    expect(after.frontDoorHits - before.frontDoorHits).toBeGreaterThanOrEqual(950);
    // And every first read found the cached answer outdated (or already dropped by the StatusBus notice).
    expect(after.hits - before.hits).toBeLessThan(1_100);
  }, 600_000);

  it('sees changes that send no status notice at once: a rename, a new integration, an identity rename, a removal', async () => {
    const integrations = dbA.dataSource.getRepository(Integration);
    const warm = async () => {
      await banner();
      const hits = stats().frontDoorHits;
      const nodes = await banner();
      expect(stats().frontDoorHits).toBe(hits + 1);
      return nodes;
    };
    const old = (await warm()).find((n) => n.name === 'Old account')!;
    await integrations.update({ id: old.id }, { name: 'Renamed account' });
    expect((await banner()).map((n) => n.name)).toContain('Renamed account');

    await warm();
    const added = await integrations.save({ tenantId, provider: 'GOOGLE', externalAccountId: '900000003', name: 'New account', status: 'EXPIRED', cause: 'TOKEN_EXPIRED' });
    expect((await banner()).map((n) => n.id)).toContain(added.id);

    await warm();
    const identity = await dbA.dataSource.getRepository(ProviderIdentity).findOneByOrFail({ name: 'Dana Reader' });
    await dbA.dataSource.getRepository(ProviderIdentity).update({ id: identity.id }, { name: 'Dana R.' });
    expect((await banner()).find((n) => n.id === old.id)?.authorizedBy?.name).toBe('Dana R.');

    await warm();
    await integrations.delete({ id: added.id });
    expect((await banner()).map((n) => n.id)).not.toContain(added.id);
  }, 120_000);

  it('caches healthSummary counts and answers the new counts after a change', async () => {
    const read = async () => (await post(readerBase, { query: SUMMARY_QUERY })).json.data!.healthSummary!;
    const first = await read();
    const hits = stats().frontDoorHits;
    expect(await read()).toEqual(first);
    expect(stats().frontDoorHits).toBe(hits + 1);
    const revoked = first.byStatus.find((s) => s.status === 'REVOKED')!.count;
    const current = await writer.services.integrations.findVisible(integrationId, tenantId);
    const revoke = current!.status !== 'REVOKED';
    await writer.services.status.apply(
      integrationId,
      revoke
        ? { type: 'CHECK_INVALID', at: new Date(), credentialVersion: current!.credentialVersion ?? 0, cause: 'PASSWORD_CHANGED' }
        : { type: 'TOKEN_ISSUED', at: new Date(), credentialVersion: (current!.credentialVersion ?? 0) + 1 },
      { actor: 'test', eventType: 'checked' },
    );
    const next = await read();
    expect(next.byStatus.find((s) => s.status === 'REVOKED')!.count).toBe(revoke ? revoked + 1 : revoked - 1);
    expect(next.total).toBe(first.total);
  }, 60_000);

  it('answers a hit with the same bytes and content type as Apollo, for each Accept header', async () => {
    const accepts = [undefined, 'application/json', 'application/graphql-response+json', 'application/graphql-response+json, application/json', '*/*'];
    for (const [i, accept] of accepts.entries()) {
      const headers: Record<string, string> = accept ? { accept } : {};
      // A document of its own per Accept header, so the first request is a miss answered by Apollo.
      const query = `${SUMMARY_QUERY} # accept ${i}`;
      const miss = await post(readerBase, { query }, headers);
      const hits = stats().frontDoorHits;
      const hit = await post(readerBase, { query }, headers);
      expect(stats().frontDoorHits).toBe(hits + 1);
      expect({ status: hit.status, contentType: hit.contentType, text: hit.text }).toEqual({ status: miss.status, contentType: miss.contentType, text: miss.text });
    }
  });

  it('serves automatic persisted queries: the widget may send only the hash', async () => {
    const sha256Hash = createHash('sha256').update(BANNER_QUERY).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const unknown = await post(readerBase, { extensions: { persistedQuery } });
    if (unknown.json.errors) {
      // Not registered yet on this instance: Apollo asks for the document once.
      expect(JSON.stringify(unknown.json.errors)).toContain('PERSISTED_QUERY_NOT_FOUND');
      const registered = await post(readerBase, { query: BANNER_QUERY, extensions: { persistedQuery } });
      expect(registered.json.errors).toBeUndefined();
    }
    const byHash = await post(readerBase, { extensions: { persistedQuery } });
    const byText = await post(readerBase, { query: BANNER_QUERY });
    expect(byHash.json.errors).toBeUndefined();
    expect(byHash.json).toEqual(byText.json);
  });

  it('never caches errors or other viewers: a wrong token and another tenant filter go to Apollo', async () => {
    const bad = await post(readerBase, { query: BANNER_QUERY }, { authorization: 'Bearer rlk_live_nope' });
    expect(bad.status).toBe(401);
    const other = await post(readerBase, { query: '{ integrations(filter: { tenantId: "00000000-0000-4000-8000-000000000000" }) { totalCount } }' });
    const again = await post(readerBase, { query: '{ integrations(filter: { tenantId: "00000000-0000-4000-8000-000000000000" }) { totalCount } }' });
    expect(other.json.errors).toBeDefined();
    expect(again.json).toEqual(other.json);
  });
});
