import { createTestDatabase, type RelinkDatabase } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_ORDER_FIELDS, type IntegrationOrder } from '../graphql/integrationOrder.js';
import { AuditService } from './AuditService.js';
import { IntegrationQueryService } from './IntegrationQueryService.js';
import { WebhookEndpointService } from './WebhookEndpointService.js';

const onPostgres = Boolean(process.env.RELINK_TEST_DATABASE_URL);
const KEYS = 'k1:' + Buffer.alloc(32, 7).toString('base64');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const INDEX_FOR: Record<IntegrationOrder['field'], string> = {
  CREATED_AT: 'integrations_created_id_idx',
  NAME: 'integrations_lower_name_id_idx',
  STATUS_CHANGED_AT: 'integrations_status_changed_id_idx',
  UNTRACKED_SINCE: 'integrations_untracked_since_id_idx',
};

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe.skipIf(!onPostgres)('staff-wide list orders and notifications at scale use indexes (PostgreSQL only: PGlite is not the production planner)', () => {
  let db: RelinkDatabase;
  let integrations: IntegrationQueryService;
  let webhooks: WebhookEndpointService;

  /** The statements a call sends, each with its parameters. */
  async function captured(run: () => Promise<unknown>): Promise<Array<{ sql: string; params: unknown[] }>> {
    const logger = db.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    const seen: Array<{ sql: string; params: unknown[] }> = [];
    logger.logQuery = (query, parameters, runner) => {
      seen.push({ sql: query, params: Array.isArray(parameters) ? parameters : [] });
      return original(query, parameters, runner);
    };
    try {
      await run();
    } finally {
      logger.logQuery = original;
    }
    return seen;
  }

  async function plan(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const { rows } = await db.executeSql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
  }

  beforeAll(async () => {
    db = await createTestDatabase('integration_order_plans');
    integrations = new IntegrationQueryService(db);
    webhooks = new WebhookEndpointService(db, KEYS, new AuditService(db));
    await db.executeSql(`INSERT INTO tenants (name) SELECT 'tenant ' || g FROM generate_series(1, 40) g`);
    await db.executeSql(
      `INSERT INTO integrations (tenant_id, provider, external_account_id, name, status, cause, untracked_since, status_changed_at, created_at)
       SELECT t.id, 'FACEBOOK', 'act_' || g, 'Account ' || md5(t.id::text || g),
              CASE WHEN g % 5 = 0 THEN 'REVOKED' ELSE 'HEALTHY' END, CASE WHEN g % 5 = 0 THEN 'PASSWORD_CHANGED' END,
              CASE WHEN g % 5 = 0 THEN now() - g * interval '1 hour' END, now() - (g % 97) * interval '1 minute', now() - g * interval '1 minute'
         FROM tenants t, generate_series(1, 150) g`,
    );
    const { rows } = await db.executeSql<{ id: string }>(`INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, secret_key_id) SELECT id, 'https://hooks.example/' || id, 'x', 'k' FROM tenants RETURNING id`);
    expect(rows).toHaveLength(40);
    await db.executeSql(
      `INSERT INTO webhook_deliveries (endpoint_id, tenant_id, webhook_id, event_type, payload, created_at)
       SELECT e.id, i.tenant_id, 'msg_' || i.id || '_' || n, 'integration.status_changed',
              jsonb_build_object('type', 'integration.status_changed', 'data', jsonb_build_object('integration', jsonb_build_object('id', i.id))),
              now() - n * interval '1 hour'
         FROM integrations i JOIN webhook_endpoints e ON e.tenant_id = i.tenant_id, generate_series(1, 3) n`,
    );
    await db.executeSql(`ANALYZE integrations`);
    await db.executeSql(`ANALYZE webhook_deliveries`);
  }, 240_000);
  afterAll(async () => {
    await db?.close();
  });

  const orders: IntegrationOrder[] = INTEGRATION_ORDER_FIELDS.flatMap((field) => (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })));

  it.each(orders)('$field $direction: first and later pages over every tenant read an index in order, never sort or scan the table', async (order) => {
    const first = await integrations.list({}, 50, null, order);
    expect(first.totalCount).toBe(6000);
    // A page deep in the keyed rows, and (untracked_since) the page where the keyed rows run out.
    const later = await integrations.list({}, 50, first.edges.at(-1)!.cursor, order);
    let lastKeyed = first;
    if (order.field === 'UNTRACKED_SINCE') {
      for (let n = 0; n < 30 && lastKeyed.edges.every((e) => e.node.untrackedSince !== null); n++) lastKeyed = await integrations.list({}, 50, lastKeyed.edges.at(-1)!.cursor, order);
      expect(lastKeyed.edges.some((e) => e.node.untrackedSince === null)).toBe(true);
    }
    const statements = await captured(async () => {
      await integrations.list({}, 50, null, order);
      await integrations.list({}, 50, later.edges.at(-1)!.cursor, order);
      await integrations.list({}, 50, lastKeyed.edges.at(-1)!.cursor, order);
    });
    const pages = statements.filter((s) => /ORDER BY/i.test(s.sql));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const indexes = new Set<string>();
    for (const statement of pages) {
      const used = await plan(statement.sql, statement.params);
      const summary = used.map((n) => `${n['Node Type']}${n['Index Name'] ? `(${n['Index Name']})` : ''}`).join(' > ');
      expect(used.some((n) => n['Node Type'] === 'Seq Scan' || n['Node Type'] === 'Sort'), summary).toBe(false);
      expect(used.some((n) => n['Index Name']?.startsWith('integrations_')), summary).toBe(true);
      for (const n of used) if (n['Index Name']) indexes.add(n['Index Name']);
    }
    expect([...indexes]).toContain(INDEX_FOR[order.field]);
  });

  it('reads an integration\'s notifications through the payload index', async () => {
    const page = await integrations.list({}, 3);
    const keys = page.edges.map((e) => ({ integrationId: e.node.id, tenantId: e.node.tenantId }));
    const statements = await captured(async () => {
      const found = await webhooks.notificationsByIntegration(keys, 2);
      expect(found).toHaveLength(6);
    });
    const select = statements.find((s) => /webhook_deliveries/.test(s.sql))!;
    const used = await plan(select.sql, select.params);
    expect(used.some((n) => n['Index Name'] === 'webhook_deliveries_integration_created_idx'), JSON.stringify(used.map((n) => n['Node Type']))).toBe(true);
    expect(used.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'webhook_deliveries')).toBe(false);
  });
});
