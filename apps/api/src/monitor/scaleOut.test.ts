import { createDatabase, createTestDatabase, TEST_DATABASE_URL_VARIABLE, type RelinkDatabase } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RelinkApp } from '../app.js';
import { createLogger } from '../logger.js';
import type { StatusChangeNotice } from '../services/statusChannel.js';
import { createServices, type Services } from '../services/services.js';
import { testConfig } from '../test-support/testConfig.js';
import { bossSchemaFor } from './createBoss.js';
import { Monitor } from './Monitor.js';
import { ScriptedChecker } from './test-support/scriptedChecker.js';
import { seedIntegration, seedTenant } from './test-support/seed.js';
import { waitUntil } from './test-support/waitUntil.js';

const url = process.env[TEST_DATABASE_URL_VARIABLE];
const config = testConfig();
const log = createLogger('test');

/**
 * Two workers and two API instances, each with its own pool (and each worker with its own pg-boss),
 * against one PostgreSQL schema: what several processes on several machines look like to the database.
 * PGlite is one process by nature, so this runs only on real PostgreSQL.
 */
describe.skipIf(!url)(`scale-out on one PostgreSQL (skipped unless ${TEST_DATABASE_URL_VARIABLE} is set: PGlite cannot be shared by processes)`, () => {
  let base: RelinkDatabase;
  const pools: RelinkDatabase[] = [];
  const workers: Array<{ services: Services; monitor?: Monitor; checker: ScriptedChecker }> = [];
  const apis: RelinkApp[] = [];
  let tenantId: string;

  beforeAll(async () => {
    base = await createTestDatabase('scale_out');
    for (let i = 0; i < 4; i += 1) pools.push(await createDatabase({ url: url!, schema: base.schema }));
    for (const database of pools.slice(0, 2)) {
      const services = await createServices(config, database);
      workers.push({ services, checker: new ScriptedChecker(services) });
    }
    for (const database of pools.slice(2)) apis.push(await createApp(config, { database, logger: log }));
    tenantId = (await seedTenant(base)).id;
  });

  afterAll(async () => {
    for (const worker of workers) {
      await worker.monitor?.stop();
      await worker.services.statusBus.close();
    }
    for (const api of apis) await api.close();
    for (const pool of pools) await pool.close();
    if (base) await base.executeSql(`DROP SCHEMA IF EXISTS "${bossSchemaFor(base)}" CASCADE`);
    await base?.close();
  });

  it('splits one sweep between two workers, checking no integration twice', async () => {
    const seeded = await Promise.all(Array.from({ length: 300 }, () => seedIntegration(base, { tenantId })));
    for (const worker of workers) {
      // Each batch takes a while, as a provider call does, so both workers get a share.
      worker.checker.duringCheck = () => new Promise((resolve) => setTimeout(resolve, 150));
    }
    await Promise.all(
      workers.map(async (worker) => {
        worker.monitor = await Monitor.start(worker.services, log, {
          checker: worker.checker,
          batchSize: 20,
          checkConcurrency: 2,
          sweepIntervalMs: 300,
          pollingIntervalSeconds: 0.5,
        });
      }),
    );
    await waitUntil(() => workers.reduce((n, w) => n + w.checker.checkedIds.length, 0) >= seeded.length, 'all integrations checked', 60_000);
    // A little longer: a double check would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const [first, second] = workers.map((w) => w.checker.checkedIds);
    const all = [...first!, ...second!];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(seeded.map((s) => s.id).sort());
    expect(first!.length).toBeGreaterThan(0);
    expect(second!.length).toBeGreaterThan(0);
    const { rows } = await base.executeSql<{ n: number }>(
      `SELECT count(*)::int AS n FROM integrations WHERE last_checked_at IS NOT NULL AND next_check_at > now() + interval '20 hours'`,
    );
    expect(rows[0]?.n).toBe(seeded.length);
  });

  it('delivers a status change made through one API instance to a subscriber of the other', async () => {
    const integration = await seedIntegration(base, { tenantId, nextCheckAt: new Date(Date.now() + 86_400_000) });
    const heard: StatusChangeNotice[] = [];
    const stop = apis[1]!.services.statusBus.subscribe((notice) => heard.push(notice));
    try {
      await new Promise<void>((resolve) => apis[0]!.server.listen(0, '127.0.0.1', resolve));
      const address = apis[0]!.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${config.adminToken}` },
        body: JSON.stringify({ query: 'mutation($id: ID!) { disconnectIntegration(id: $id) { status } }', variables: { id: integration.id } }),
      });
      const body = (await response.json()) as { data?: { disconnectIntegration?: { status: string } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.disconnectIntegration?.status).toBe('DISCONNECTED');
      const notice = await waitUntil(() => heard.find((n) => n.integrationId === integration.id), 'the other instance to hear the change', 10_000);
      expect(notice).toMatchObject({ tenantId, status: 'DISCONNECTED' });
    } finally {
      stop();
    }
  });
});
