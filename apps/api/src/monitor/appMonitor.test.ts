import { createTestDatabase, Integration, type RelinkDatabase } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { testConfig } from '../test-support/testConfig.js';
import { bossSchemaFor } from './createBoss.js';
import { ScriptedChecker } from './test-support/scriptedChecker.js';
import { seedIntegration, seedTenant } from './test-support/seed.js';
import { waitUntil } from './test-support/waitUntil.js';

let database: RelinkDatabase;

beforeAll(async () => {
  database = await createTestDatabase('app_monitor');
});
afterAll(async () => {
  if (database) await database.executeSql(`DROP SCHEMA IF EXISTS "${bossSchemaFor(database)}" CASCADE`);
  await database?.close();
});

describe('createApp and the monitor', () => {
  it('runs no monitor unless asked', async () => {
    const relink = await createApp(testConfig(), { database });
    expect(relink.monitor).toBeUndefined();
    await relink.close();
  });

  it('runs the monitor in-process when enabled (as pnpm start does) and stops it on close', async () => {
    const config = testConfig();
    const relink = await createApp(config, { database, monitor: { enabled: true, sweepIntervalMs: 200, pollingIntervalSeconds: 0.5 } });
    const checker = new ScriptedChecker(relink.services);
    try {
      expect(relink.monitor).toBeDefined();
    } finally {
      await relink.close();
    }
    // Seeded only now, so the first app's monitor (the real provider layer) never saw it.
    const tenant = await seedTenant(database);
    const integration = await seedIntegration(database, { tenantId: tenant.id });
    const again = await createApp(config, { database, monitor: { enabled: true, checker, sweepIntervalMs: 200, pollingIntervalSeconds: 0.5 } });
    try {
      await waitUntil(() => checker.checkedIds.includes(integration.id), 'the in-process check');
      await waitUntil(
        async () => (await database.dataSource.getRepository(Integration).findOneByOrFail({ id: integration.id })).nextCheckAt!.getTime() > Date.now() + 3600_000,
        'the next check to be scheduled',
      );
    } finally {
      await again.close();
    }
    expect(again.monitor!.stats.checkJobs).toBeGreaterThan(0);
  });
});
