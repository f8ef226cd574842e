import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_EXPIRIES_SQL } from '../queries/due-expiries.js';
import type { RelinkDatabase } from '../relink-database.js';
import { createTestDatabase } from '../test-support/create-test-database.js';

const onPostgres = Boolean(process.env.RELINK_TEST_DATABASE_URL);
const TENANTS = 40;
const PER_TENANT = 150; // 6,000 integrations
const STATUSES = ['HEALTHY', 'HEALTHY', 'HEALTHY', 'EXPIRING_SOON', 'UNREACHABLE'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe.skipIf(!onPostgres)('query plans at scale (PostgreSQL only: PGlite is not the production planner; set RELINK_TEST_DATABASE_URL)', () => {
  let db: RelinkDatabase;
  let tenantId: string;

  async function plan(sql: string, values: unknown[]): Promise<PlanNode[]> {
    const { rows } = await db.executeSql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    return nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
  }

  beforeAll(async () => {
    db = await createTestDatabase('query_plans');
    const { rows } = await db.executeSql<{ id: string }>(
      `INSERT INTO tenants (name) SELECT 'tenant ' || g FROM generate_series(1, ${TENANTS}) g RETURNING id`,
    );
    tenantId = rows[0]!.id;
    await db.executeSql(
      `INSERT INTO integrations (tenant_id, provider, external_account_id, name, status, cause, next_check_at, created_at, token_expires_at)
       SELECT t.id, 'FACEBOOK', 'act_' || g, 'Account ' || g,
              s.status, CASE WHEN g % 50 = 0 THEN 'PASSWORD_CHANGED' END,
              now() + (g % 600) * interval '1 second', now() - g * interval '1 minute', now() + (g % 60) * interval '1 day'
         FROM tenants t, generate_series(1, ${PER_TENANT}) g,
              LATERAL (SELECT CASE WHEN g % 50 = 0 THEN 'REVOKED' ELSE ($1::text[])[1 + g % 5] END AS status) s`,
      [STATUSES],
    );
    await db.executeSql(`ANALYZE integrations`);
    await db.executeSql(`ANALYZE integration_schedule`);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers the tenant status page from an index, never a sequential scan', async () => {
    const used = await plan(
      `SELECT id, name, status, cause FROM integrations WHERE tenant_id = $1 AND status = ANY($2) ORDER BY created_at, id LIMIT 50`,
      [tenantId, ['REVOKED', 'EXPIRED']],
    );
    expect(used.some((node) => node['Node Type'] === 'Seq Scan')).toBe(false);
    expect(used.map((node) => node['Index Name']).filter(Boolean)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^integrations_tenant_(status|created)_idx$/)]),
    );
  });

  it('pages a tenant by keyset from (tenant_id, created_at, id)', async () => {
    const used = await plan(
      `SELECT id FROM integrations WHERE tenant_id = $1 AND (created_at, id) > ($2, $3) ORDER BY created_at, id LIMIT 50`,
      [tenantId, new Date(0), '00000000-0000-0000-0000-000000000000'],
    );
    expect(used.some((node) => node['Node Type'] === 'Seq Scan')).toBe(false);
    expect(used.some((node) => node['Index Name'] === 'integrations_tenant_created_idx' || node['Index Name'] === 'integrations_tenant_status_idx')).toBe(true);
  });

  it('finds due integrations for the monitor from the schedule table\'s index, kept equal to next_check_at by its trigger', async () => {
    const { rows } = await db.executeSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM integrations i JOIN integration_schedule s ON s.integration_id = i.id
        WHERE s.next_check_at IS NOT DISTINCT FROM i.next_check_at`,
    );
    expect(rows[0]!.n).toBe(TENANTS * PER_TENANT);
    const used = await plan(`SELECT integration_id FROM integration_schedule WHERE next_check_at <= $1 ORDER BY next_check_at LIMIT 100`, [new Date()]);
    expect(used.some((node) => node['Index Name'] === 'integration_schedule_due_idx')).toBe(true);
  });

  it('finds what the clock changes (EXPIRING_SOON, EXPIRED) from the two partial end indexes, never a sequential scan', async () => {
    const used = await plan(DUE_EXPIRIES_SQL, [new Date(), 7 * 86_400, 500]);
    expect(used.some((node) => node['Node Type'] === 'Seq Scan')).toBe(false);
    expect(used.map((node) => node['Index Name']).filter(Boolean)).toEqual(expect.arrayContaining(['integrations_healthy_ends_idx', 'integrations_warned_ends_idx']));
  });

  it('counts a tenant by status without reading other tenants', async () => {
    const used = await plan(`SELECT status, count(*) FROM integrations WHERE tenant_id = $1 GROUP BY status`, [tenantId]);
    expect(used.some((node) => node['Node Type'] === 'Seq Scan')).toBe(false);
  });
});
