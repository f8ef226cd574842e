import { INTEGRATION_STATUSES, INVALIDATION_CAUSES } from '@relink/core';
import { IntegrationEvent, UntrackedWindow, type Integration } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTenant, startHarness, type GqlResponse, type Harness } from '../test-support/graphqlHarness.js';

const ORIGIN = 'https://app.acme.test';
const HOUR = 3_600_000;

describe('integration queries over HTTP', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  let widgetA: string;
  const seeded: Integration[] = [];
  let foreign: Integration;

  beforeAll(async () => {
    h = await startHarness('api_integrations');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
    widgetA = await h.widgetToken(a.apiKey, ORIGIN);
    const shared = await h.seedIdentity('FACEBOOK', 'Agency Admin');
    const solo = await h.seedIdentity('GOOGLE', 'Gina Google');
    const sameMoment = new Date('2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 120; i++) {
      const status = i % 10 === 0 ? 'REVOKED' : i % 10 === 1 ? 'EXPIRED' : i % 10 === 2 ? 'UNREACHABLE' : 'HEALTHY';
      seeded.push(
        await h.seedIntegration(a.tenantId, {
          provider: i % 3 === 0 ? 'GOOGLE' : 'FACEBOOK',
          name: i === 7 ? 'Summer SALE Campaigns' : `Acme account ${String(i).padStart(3, '0')}`,
          externalAccountId: i === 8 ? 'act_987654321' : `acme-${i}`,
          status,
          cause: status === 'REVOKED' ? (i % 20 === 0 ? 'PASSWORD_CHANGED' : 'SECURITY_CHECKPOINT') : status === 'EXPIRED' ? 'TOKEN_EXPIRED' : null,
          identityId: i % 2 === 0 ? shared.id : solo.id,
          untrackedSince: status === 'REVOKED' || status === 'EXPIRED' ? new Date(Date.now() - (i + 1) * HOUR) : null,
          // Ten rows share one creation time, so the keyset must break ties by id.
          ...(i >= 40 && i < 50 ? { createdAt: sameMoment } : {}),
        }),
      );
    }
    for (let i = 0; i < 5; i++) {
      foreign = await h.seedIntegration(b.tenantId, { name: `Beta account ${i}`, identityId: shared.id, status: i === 0 ? 'REVOKED' : 'HEALTHY', untrackedSince: i === 0 ? new Date(Date.now() - 500 * HOUR) : null });
    }
    const windows = h.database.dataSource.getRepository(UntrackedWindow);
    const events = h.database.dataSource.getRepository(IntegrationEvent);
    for (const row of [...seeded, foreign]) {
      if (row.untrackedSince) await windows.insert({ integrationId: row.id, tenantId: row.tenantId, startedAt: row.untrackedSince, endedAt: null, cause: row.cause });
      await windows.insert({ integrationId: row.id, tenantId: row.tenantId, startedAt: new Date(Date.now() - 48 * HOUR), endedAt: new Date(Date.now() - 47 * HOUR), cause: 'TOKEN_EXPIRED' });
      for (let e = 0; e < 3; e++) {
        await events.insert({ integrationId: row.id, tenantId: row.tenantId, at: new Date(Date.now() - (10 - e) * HOUR), type: 'checked', status: 'HEALTHY', cause: null, actor: 'monitor', detail: {} });
      }
    }
    // The seeded tenant rows carry no key: bulk-only tenants for the staff ranking.
    await seedTenant(h.database, 'Gamma (no integrations)');
  }, 240_000);
  afterAll(async () => h?.close());

  const page = `query($first: Int, $after: String, $filter: IntegrationFilter) {
    integrations(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id tenantId name createdAt } }
    }
  }`;

  describe('Relay pagination', () => {
    it('walks 120 integrations in pages of 50 with a stable keyset', async () => {
      const ids: string[] = [];
      let after: string | null = null;
      const pages: Array<{ count: number; hasNextPage: boolean; totalCount: number }> = [];
      do {
        const res: GqlResponse = await h.gql(page, { token: a.apiKey, variables: { first: 50, after } });
        expect(res.errors).toBeUndefined();
        const conn = res.data!.integrations;
        pages.push({ count: conn.edges.length, hasNextPage: conn.pageInfo.hasNextPage, totalCount: conn.totalCount });
        ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
        expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      expect(pages).toEqual([
        { count: 50, hasNextPage: true, totalCount: 120 },
        { count: 50, hasNextPage: true, totalCount: 120 },
        { count: 20, hasNextPage: false, totalCount: 120 },
      ]);
      expect(new Set(ids).size).toBe(120);
      expect(new Set(ids)).toEqual(new Set(seeded.map((s) => s.id)));
    });

    it('orders oldest first and breaks equal creation times by id', async () => {
      const res = await h.gql(page, { token: a.apiKey, variables: { first: 100 } });
      const nodes = res.data!.integrations.edges.map((e: { node: { id: string; createdAt: string } }) => e.node);
      for (let i = 1; i < nodes.length; i++) {
        const prev = nodes[i - 1];
        const cur = nodes[i];
        expect(prev.createdAt <= cur.createdAt).toBe(true);
        if (prev.createdAt === cur.createdAt) expect(prev.id < cur.id).toBe(true);
      }
    });

    it('pages of 7 across the tie group return every row exactly once', async () => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 30 && ids.length < 120; i++) {
        const res: GqlResponse = await h.gql(page, { token: a.apiKey, variables: { first: 7, after } });
        ids.push(...res.data!.integrations.edges.map((e: { node: { id: string } }) => e.node.id));
        after = res.data!.integrations.pageInfo.endCursor;
      }
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
    });

    it('refuses first outside 1..100 and a cursor it did not make', async () => {
      for (const first of [0, 101, -1]) {
        const res = await h.gql(page, { token: a.apiKey, variables: { first } });
        expect(res.errors?.[0]?.extensions.code, String(first)).toBe('BAD_USER_INPUT');
      }
      const bad = await h.gql(page, { token: a.apiKey, variables: { first: 5, after: 'bm90LWEtY3Vyc29y' } });
      expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('gives staff every tenant, or one', async () => {
      const all = await h.gql(page, { token: h.staffToken, variables: { first: 1 } });
      expect(all.data!.integrations.totalCount).toBe(125);
      const one = await h.gql(page, { token: h.staffToken, variables: { first: 10, filter: { tenantId: b.tenantId } } });
      expect(one.data!.integrations.totalCount).toBe(5);
      expect(one.data!.integrations.edges.every((e: { node: { tenantId: string } }) => e.node.tenantId === b.tenantId)).toBe(true);
    });
  });

  describe('filters', () => {
    const total = async (filter: Record<string, unknown>, token = a.apiKey) => {
      const res = await h.gql(page, { token, variables: { first: 100, filter } });
      expect(res.errors).toBeUndefined();
      return res.data!.integrations.totalCount as number;
    };

    it('by provider, status list and cause', async () => {
      expect(await total({ provider: 'GOOGLE' })).toBe(40);
      expect(await total({ status: ['REVOKED'] })).toBe(12);
      expect(await total({ status: ['REVOKED', 'EXPIRED'] })).toBe(24);
      expect(await total({ status: [] })).toBe(0);
      expect(await total({ cause: 'PASSWORD_CHANGED' })).toBe(6);
      expect(await total({ cause: 'TOKEN_EXPIRED', provider: 'GOOGLE' })).toBe(seeded.filter((s, i) => s.cause === 'TOKEN_EXPIRED' && i % 3 === 0).length);
    });

    it('search: case-insensitive substring of name or external account id, with LIKE characters taken literally', async () => {
      expect(await total({ search: 'summer sale' })).toBe(1);
      expect(await total({ search: '98765' })).toBe(1);
      expect(await total({ search: 'ACME ACCOUNT 11' })).toBe(10);
      expect(await total({ search: '%' })).toBe(0);
      expect(await total({ search: '_' })).toBe(1); // only act_987654321 has a literal underscore
      expect(await total({ search: 'beta' })).toBe(0);
      expect(await total({ search: 'beta' }, h.staffToken)).toBe(5);
    });

    it('a tenant key or widget naming another tenant is FORBIDDEN, its own tenant is fine', async () => {
      const mine = await h.gql(page, { token: a.apiKey, variables: { first: 1, filter: { tenantId: a.tenantId } } });
      expect(mine.data!.integrations.totalCount).toBe(120);
      for (const [token, origin] of [[a.apiKey, undefined], [widgetA, ORIGIN]] as const) {
        const res = await h.gql(page, { token, origin, variables: { first: 1, filter: { tenantId: b.tenantId } } });
        expect(res.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        expect(res.data).toBeNull();
      }
    });

    it('widgets read their tenant\'s integrations with every field', async () => {
      const res = await h.gql(
        `{ integrations(first: 3, filter: { status: [REVOKED] }) { totalCount edges { node { name needsReauthorization cause { code title prevention securityRelated } untrackedSince untrackedSeconds authorizedBy { name } events(first: 2) { type } } } } }`,
        { token: widgetA, origin: ORIGIN },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.integrations.totalCount).toBe(12);
      const node = res.data!.integrations.edges[0].node;
      expect(node.needsReauthorization).toBe(true);
      expect(node.cause.title).toBeTruthy();
      expect(node.cause.prevention).toBeTruthy();
      expect(node.untrackedSeconds).toBeGreaterThan(3600);
      expect(node.events).toHaveLength(2);
    });
  });

  describe('integration(id)', () => {
    const one = '{ integration(id: $id) { id name status } }'.replace('{ integration', 'query($id: ID!) { integration');

    it('returns your own, and nothing for another tenant\'s or a malformed id', async () => {
      expect((await h.gql(one, { token: a.apiKey, variables: { id: seeded[0]!.id } })).data!.integration.id).toBe(seeded[0]!.id);
      for (const [token, origin] of [[a.apiKey, undefined], [widgetA, ORIGIN]] as const) {
        const res = await h.gql(one, { token, origin, variables: { id: foreign.id } });
        expect(res.data?.integration ?? null).toBeNull();
        expect(JSON.stringify(res)).not.toContain('Beta account');
      }
      expect((await h.gql(one, { token: a.apiKey, variables: { id: 'nope' } })).data!.integration).toBeNull();
      expect((await h.gql(one, { token: h.staffToken, variables: { id: foreign.id } })).data!.integration.name).toMatch(/Beta/);
    });

    it('needs a token', async () => {
      const res = await h.gql(one, { variables: { id: seeded[0]!.id } });
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('DataLoader', () => {
    it('a list of 50 with authorizedBy, untrackedSeconds, windows, events and tenant runs a bounded number of SQL queries', async () => {
      const logger = h.database.dataSource.logger;
      const original = logger.logQuery.bind(logger);
      const queries: string[] = [];
      logger.logQuery = (query, parameters, runner) => {
        queries.push(query);
        return original(query, parameters, runner);
      };
      try {
        const res = await h.gql(
          `{ integrations(first: 50) { totalCount edges { node { id cause { code } authorizedBy { name provider } untrackedSeconds
              untrackedWindows { seconds } events(first: 3) { at } tenant { name } } } } }`,
          { token: a.apiKey },
        );
        expect(res.errors).toBeUndefined();
        const nodes = res.data!.integrations.edges.map((e: { node: unknown }) => e.node);
        expect(nodes).toHaveLength(50);
        expect(nodes.every((n: { authorizedBy: { name: string } }) => ['Agency Admin', 'Gina Google'].includes(n.authorizedBy.name))).toBe(true);
        expect(nodes.every((n: { events: unknown[] }) => n.events.length === 3)).toBe(true);
        expect(nodes.every((n: { untrackedSeconds: number }) => n.untrackedSeconds >= 3600)).toBe(true);
      } finally {
        logger.logQuery = original;
      }
      const data = queries.filter((q) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i.test(q.trim()));
      // key lookup, count, page, identities, windows, events, tenant — whatever the list length.
      expect(data.length, data.join('\n---\n')).toBeLessThanOrEqual(8);
    });
  });

  describe('summaries', () => {
    it('healthSummary lists every status (zeros too) for the caller\'s scope', async () => {
      const q = 'query($t: ID) { healthSummary(tenantId: $t) { total byStatus { status count } untrackedSeconds(sinceDays: 30) } }';
      const mine = await h.gql(q, { token: a.apiKey });
      expect(mine.data!.healthSummary.total).toBe(120);
      expect(mine.data!.healthSummary.byStatus.map((s: { status: string }) => s.status)).toEqual([...INTEGRATION_STATUSES]);
      const count = (status: string) => mine.data!.healthSummary.byStatus.find((s: { status: string }) => s.status === status).count;
      expect([count('HEALTHY'), count('REVOKED'), count('EXPIRED'), count('UNREACHABLE'), count('DISCONNECTED'), count('EXPIRING_SOON')]).toEqual([84, 12, 12, 12, 0, 0]);
      expect(mine.data!.healthSummary.untrackedSeconds).toBeGreaterThan(120 * 3600);
      const widget = await h.gql(q, { token: widgetA, origin: ORIGIN });
      expect(widget.data!.healthSummary.total).toBe(120);
      const all = await h.gql(q, { token: h.staffToken });
      expect(all.data!.healthSummary.total).toBe(125);
      const beta = await h.gql(q, { token: h.staffToken, variables: { t: b.tenantId } });
      expect(beta.data!.healthSummary.total).toBe(5);
      const foreignAsk = await h.gql(q, { token: a.apiKey, variables: { t: b.tenantId } });
      expect(foreignAsk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect((await h.gql('{ healthSummary { untrackedSeconds(sinceDays: 0) } }', { token: a.apiKey })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('invalidationCauses answers without a token, one entry per cause with its prevention', async () => {
      const res = await h.gql('{ invalidationCauses { code title explanation action prevention securityRelated } }');
      expect(res.data!.invalidationCauses.map((c: { code: string }) => c.code)).toEqual([...INVALIDATION_CAUSES]);
      expect(res.data!.invalidationCauses.every((c: { prevention: string }) => c.prevention.length > 0)).toBe(true);
      const de = await h.gql('{ invalidationCauses(locale: "de") { code title } }');
      expect(de.data!.invalidationCauses[0].title).not.toBe(res.data!.invalidationCauses[0].title);
    });

    it('blastRadius: staff see an identity across tenants; a tenant only its own integrations', async () => {
      const q = '{ blastRadius { identity { name provider } integrationCount tenantCount agencyPattern } }';
      const staff = await h.gql(q, { token: h.staffToken });
      const agency = staff.data!.blastRadius.find((e: { identity: { name: string } }) => e.identity.name === 'Agency Admin');
      expect(agency).toMatchObject({ integrationCount: 65, tenantCount: 2 });
      const tenant = await h.gql(q, { token: a.apiKey });
      const own = tenant.data!.blastRadius.find((e: { identity: { name: string } }) => e.identity.name === 'Agency Admin');
      expect(own).toMatchObject({ integrationCount: 60, tenantCount: 1 });
      const widget = await h.gql(q, { token: widgetA, origin: ORIGIN });
      expect(widget.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('invalidationsByDay, untrackedByDay, longestBroken and tenantUntrackedRanking are scoped', async () => {
      const inv = await h.gql('{ invalidationsByDay(days: 30) { day cause count } }', { token: a.apiKey });
      const total = inv.data!.invalidationsByDay.reduce((s: number, d: { count: number }) => s + d.count, 0);
      expect(total).toBe(24 + 120);
      const days = await h.gql('{ untrackedByDay(days: 7) { day seconds } }', { token: a.apiKey });
      expect(days.data!.untrackedByDay).toHaveLength(7);
      expect(days.data!.untrackedByDay.at(-1).day).toBe(new Date().toISOString().slice(0, 10));
      const broken = await h.gql('{ longestBroken(first: 3) { name untrackedSince tenantId } }', { token: a.apiKey });
      expect(broken.data!.longestBroken).toHaveLength(3);
      expect(broken.data!.longestBroken.every((i: { tenantId: string }) => i.tenantId === a.tenantId)).toBe(true);
      const staffBroken = await h.gql('{ longestBroken(first: 1) { name } }', { token: h.staffToken });
      expect(staffBroken.data!.longestBroken[0].name).toBe('Beta account 0');
      const ranking = await h.gql('{ tenantUntrackedRanking(first: 10, sinceDays: 30) { tenant { name } untrackedSeconds brokenCount } }', { token: h.staffToken });
      expect(ranking.data!.tenantUntrackedRanking.map((r: { tenant: { name: string } }) => r.tenant.name)).toEqual(['Acme', 'Beta']);
      const own = await h.gql('{ tenantUntrackedRanking { tenant { name } } }', { token: a.apiKey });
      expect(own.data!.tenantUntrackedRanking.map((r: { tenant: { name: string } }) => r.tenant.name)).toEqual(['Acme']);
      const foreignAsk = await h.gql(`{ untrackedByDay(tenantId: "${b.tenantId}") { day } }`, { token: a.apiKey });
      expect(foreignAsk.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });
  });
});
