import { createTestDatabase, Integration, type RelinkDatabase } from '@relink/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationLeases } from './IntegrationLeases.js';
import { seedIntegration, seedTenant } from './test-support/seed.js';

let database: RelinkDatabase;
let leases: IntegrationLeases;
let tenantId: string;

beforeAll(async () => {
  database = await createTestDatabase('leases');
  leases = new IntegrationLeases(database);
  tenantId = (await seedTenant(database)).id;
});
afterAll(async () => database?.close());
beforeEach(async () => {
  await database.executeSql('DELETE FROM integrations');
});

const nextCheck = async (id: string) => (await database.dataSource.getRepository(Integration).findOneByOrFail({ id })).nextCheckAt;
const BOTH = ['FACEBOOK', 'GOOGLE'] as const;

describe('IntegrationLeases', () => {
  it('never hands the same integration to two concurrent claims', async () => {
    const seeded = await Promise.all(Array.from({ length: 60 }, () => seedIntegration(database, { tenantId })));
    const claims = await Promise.all(Array.from({ length: 6 }, () => leases.claimDue(15, 600, BOTH)));
    const ids = claims.flatMap((c) => c?.ids.map((i) => i.id) ?? []);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(seeded.map((s) => s.id).sort());
    expect(await leases.claimDue(100, 600, BOTH)).toBeNull();
    const { rows } = await database.executeSql<{ n: number }>('SELECT count(DISTINCT lease)::int AS n FROM integration_leases');
    expect(rows[0]!.n).toBe(claims.filter(Boolean).length);
  });

  it('claims only due, connected integrations of the providers it is asked for', async () => {
    const facebook = await seedIntegration(database, { tenantId });
    await seedIntegration(database, { tenantId, provider: 'GOOGLE' });
    await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + 60_000) });
    const gone = await seedIntegration(database, { tenantId });
    await database.executeSql('UPDATE integrations SET disconnected_at = now() WHERE id = $1', [gone.id]);
    const claim = await leases.claimDue(10, 600, ['FACEBOOK']);
    expect(claim?.ids).toEqual([{ id: facebook.id, provider: 'FACEBOOK' }]);
  });

  it('makes an integration due again when its lease runs out (a crashed worker loses nothing)', async () => {
    const integration = await seedIntegration(database, { tenantId });
    const first = await leases.claimDue(10, 1, BOTH);
    expect(first?.ids).toHaveLength(1);
    expect(await leases.claimDue(10, 1, BOTH)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const second = await leases.claimDue(10, 600, BOTH);
    expect(second?.ids.map((i) => i.id)).toEqual([integration.id]);
    // The first holder's lease is gone: it can neither see nor reschedule the row.
    expect(await leases.held([integration.id], first!.lease)).toEqual([]);
    expect(await leases.release([{ id: integration.id, next: new Date(Date.now() + 1000) }], first!.lease)).toBe(0);
    expect(await leases.held([integration.id], second!.lease)).toHaveLength(1);
  });

  it('releases with the next check time, or at once when a check was requested meanwhile', async () => {
    const a = await seedIntegration(database, { tenantId });
    const b = await seedIntegration(database, { tenantId });
    const claim = (await leases.claimDue(10, 600, BOTH))!;
    // A request during the lease only marks it: nobody else may claim the row now.
    expect(await leases.requestCheck([a.id])).toBe(1);
    expect(await leases.claimDue(10, 600, BOTH)).toBeNull();
    expect((await leases.held([a.id, b.id], claim.lease)).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await leases.release([{ id: a.id, next: tomorrow }, { id: b.id, next: tomorrow }], claim.lease)).toBe(2);
    expect((await nextCheck(a.id))!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await nextCheck(b.id))!.toISOString()).toBe(tomorrow.toISOString());
  });

  it('makes idle integrations due at once on request, and adopts unscheduled ones', async () => {
    const idle = await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + 86_400_000) });
    const unscheduled = await seedIntegration(database, { tenantId, nextCheckAt: null });
    expect(await leases.requestCheck([idle.id])).toBe(1);
    expect((await nextCheck(idle.id))!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await leases.adoptUnscheduled(10)).toBe(1);
    expect(await nextCheck(unscheduled.id)).not.toBeNull();
    expect((await leases.claimDue(10, 600, BOTH))?.ids).toHaveLength(2);
  });

  it('keeps the schedule table equal to next_check_at, however next_check_at is written', async () => {
    const integration = await seedIntegration(database, { tenantId, nextCheckAt: new Date('2026-12-01T10:00:00Z') });
    const scheduled = async () => {
      const { rows } = await database.executeSql<{ at: Date | null }>('SELECT next_check_at AS at FROM integration_schedule WHERE integration_id = $1', [integration.id]);
      return rows.length === 1 ? rows[0]!.at : 'missing';
    };
    expect(await scheduled()).toEqual(new Date('2026-12-01T10:00:00Z'));
    await database.executeSql("UPDATE integrations SET next_check_at = next_check_at + interval '1 hour' WHERE id = $1", [integration.id]);
    expect(await scheduled()).toEqual(new Date('2026-12-01T11:00:00Z'));
    await database.dataSource.getRepository(Integration).update({ id: integration.id }, { nextCheckAt: null });
    expect(await scheduled()).toBeNull();
    expect(await leases.requestCheck([integration.id])).toBe(1);
    expect((await scheduled()) as Date).toEqual(await nextCheck(integration.id));
  });
});
