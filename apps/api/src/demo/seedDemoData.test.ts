import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import { seedDemoData, type DemoSeedResult } from './seedDemoData.js';

interface WindowRow {
  integration_id: string;
  started_at: Date;
  ended_at: Date | null;
}

describe('seedDemoData', () => {
  let h: ProviderHarness;
  let result: DemoSeedResult;
  const now = new Date();

  beforeAll(async () => {
    h = await startProviderHarness('demo-seed');
    result = await seedDemoData(h.relink.services, { now });
  }, 180_000);
  afterAll(async () => h?.close());

  it('creates tenants with working API keys and a mix of statuses', async () => {
    expect(result.seeded).toBe(true);
    expect(result.tenants.map((t) => t.name)).toEqual(['Acme Outdoor Co.', 'Bluebird Bakery', 'Cobalt Fitness', 'Delta Dental Group']);
    for (const t of result.tenants) expect(await h.relink.services.apiKeys.verify(t.apiKey)).toMatchObject({ tenantId: t.id });
    expect(result.integrationCount).toBe(21);
    expect(result.byStatus).toMatchObject({ REVOKED: 10, EXPIRED: 1, EXPIRING_SOON: 2, UNREACHABLE: 1, DISCONNECTED: 1 });
    expect(result.byStatus.HEALTHY).toBe(6);
  });

  it('stores real sandbox tokens only encrypted', async () => {
    const rows: Array<{ id: string; access_token_ciphertext: Buffer | string }> = await h.database.dataSource.query('SELECT id, access_token_ciphertext FROM credentials');
    expect(rows.length).toBe(11);
    // Against each token itself: a bare /EAA/ also matches random ciphertext now and then.
    for (const row of rows) {
      const token = (await h.relink.services.credentials.load(row.id))!.accessToken!;
      expect(token).toMatch(/^(EAA|ya29\.)/);
      const stored = Buffer.from(row.access_token_ciphertext).toString('latin1');
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(0, 12));
    }
  });

  it('has one agency identity across three tenants', async () => {
    const exposures = await h.relink.services.integrations.blastRadius(undefined);
    const agency = exposures.filter((e) => e.agencyPattern);
    expect(agency).toHaveLength(1);
    expect(agency[0]).toMatchObject({ integrationCount: 6, tenantCount: 3 });
  });

  it('keeps windows consistent with statuses over 90 days', async () => {
    const integrations: Array<{ id: string; status: string; untracked_since: Date | null; created_at: Date }> = await h.database.dataSource.query(
      'SELECT id, status, untracked_since, created_at FROM integrations',
    );
    const windows: WindowRow[] = await h.database.dataSource.query('SELECT integration_id, started_at, ended_at FROM untracked_windows ORDER BY started_at');
    for (const row of integrations) {
      const own = windows.filter((w) => w.integration_id === row.id);
      const open = own.filter((w) => w.ended_at === null);
      const broken = row.status === 'REVOKED' || row.status === 'EXPIRED';
      expect(open.length, `${row.id} ${row.status}`).toBe(broken ? 1 : 0);
      if (broken) expect(open[0]!.started_at.getTime()).toBe(row.untracked_since!.getTime());
      for (let i = 1; i < own.length; i += 1) expect(own[i]!.started_at.getTime()).toBeGreaterThanOrEqual(own[i - 1]!.ended_at!.getTime());
      expect(row.created_at.getTime()).toBeLessThan(now.getTime() - 85 * 86_400_000);
    }
    expect(windows.length).toBeGreaterThan(30);
    expect(Math.min(...windows.map((w) => w.started_at.getTime()))).toBeLessThan(now.getTime() - 60 * 86_400_000);
    const firstEvents: Array<{ type: string }> = await h.database.dataSource.query(
      `SELECT DISTINCT ON (integration_id) type FROM integration_events ORDER BY integration_id, at ASC`,
    );
    expect(new Set(firstEvents.map((e) => e.type))).toEqual(new Set(['connected']));
  });

  it('tells the sandbox about current invalidations', async () => {
    const users = (await h.control<{ users: Array<{ name: string; lastInvalidation: { cause: string } | null }> }>('/users')).users;
    expect(users.find((u) => u.name.startsWith('Jordan Reyes'))?.lastInvalidation?.cause).toBe('PASSWORD_CHANGED');
    expect(users.find((u) => u.name === 'Maya Chen')?.lastInvalidation).toBeNull();
  });

  it('does nothing once tenants exist', async () => {
    const again = await seedDemoData(h.relink.services);
    expect(again).toMatchObject({ seeded: false, reason: 'the database already has tenants' });
  });
});
