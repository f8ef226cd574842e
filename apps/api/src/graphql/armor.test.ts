import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';
import { ARMOR_LIMITS } from './armor.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  RELINK_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  RELINK_ADMIN_TOKEN: 'rls_production-admin-token-for-tests',
};

describe('graphql-armor limits (any mode)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api_armor');
  });
  afterAll(async () => h?.close());

  const messages = (res: { errors?: Array<{ message: string }> | undefined }) => (res.errors ?? []).map((e) => e.message).join(' | ');

  it('refuses more than the alias limit', async () => {
    const ok = Array.from({ length: ARMOR_LIMITS.maxAliases }, (_, i) => `a${i}: viewer { kind }`).join(' ');
    expect((await h.gql(`{ ${ok} }`)).errors).toBeUndefined();
    const tooMany = Array.from({ length: ARMOR_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: viewer { kind }`).join(' ');
    const res = await h.gql(`{ ${tooMany} }`);
    expect(res.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data ?? null).toBeNull();
    expect(messages(res)).toMatch(/alias/i);
  });

  it('refuses queries nested deeper than the depth limit', async () => {
    const deep = `{ viewer { tenant { ${'a { '.repeat(ARMOR_LIMITS.maxDepth)}b${' }'.repeat(ARMOR_LIMITS.maxDepth)} } } }`;
    expect(messages(await h.gql(deep))).toMatch(/depth/i);
  });

  it('refuses a query whose cost is over the limit (a list of 100 each with 100 events)', async () => {
    const token = (await h.tenantWithKey('Cost')).apiKey;
    const fine = await h.gql('{ integrations(first: 100) { totalCount edges { node { id name status cause { code title } authorizedBy { name } events(first: 5) { at type } } } } }', { token });
    expect(fine.errors).toBeUndefined();
    const res = await h.gql('{ integrations(first: 100) { edges { node { events(first: 100) { at type status cause actor } untrackedWindows { startedAt endedAt seconds } } } } }', { token });
    expect(messages(res)).toMatch(/cost/i);
    expect(res.data ?? null).toBeNull();
  });

  it('refuses too many directives', async () => {
    const directives = Array.from({ length: ARMOR_LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    expect(messages(await h.gql(`{ viewer ${directives} { kind } }`))).toMatch(/directive/i);
  });

  it('applies the same limits to subscriptions over graphql-ws', async () => {
    const token = (await h.tenantWithKey('Ws')).apiKey;
    const client = createClient({ url: `${h.base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: token }, retryAttempts: 0 });
    const aliases = Array.from({ length: ARMOR_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: integrationStatusChanged { id }`).join(' ');
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `subscription { ${aliases} }` }, { next: () => {}, error: resolve, complete: () => resolve(null) });
    });
    await client.dispose();
    expect(JSON.stringify(error)).toMatch(/alias/i);
  });

  it('keeps field suggestions outside production', async () => {
    expect(messages(await h.gql('{ viewer { kinda } }'))).toMatch(/Did you mean/);
  });
});

describe('production mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('api_armor_prod', PRODUCTION);
  });
  afterAll(async () => h?.close());

  it('turns introspection off', async () => {
    const res = await h.gql('{ __schema { types { name } } }');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    expect(res.data ?? null).toBeNull();
  });

  it('hides field suggestions and stack traces', async () => {
    const res = await h.gql('{ viewer { kinda } }');
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const bad = await h.gql('{ integrations(first: 1000) { totalCount } }', { token: h.staffToken });
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(bad)).not.toMatch(/\.ts:\d+|at .*\(/);
  });

  it('still serves ordinary queries', async () => {
    expect((await h.gql('{ viewer { kind } }', { token: h.staffToken })).data?.viewer.kind).toBe('STAFF');
  });
});
