import { createTestDatabase, Integration, IntegrationEvent, WebhookDelivery, type RelinkDatabase } from '@relink/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createServices, type Services } from '../services/services.js';
import { testConfig } from '../test-support/testConfig.js';
import { CheckRequests } from './CheckRequests.js';
import { bossSchemaFor } from './createBoss.js';
import { Monitor, type MonitorOptions } from './Monitor.js';
import { ScriptedChecker } from './test-support/scriptedChecker.js';
import { seedEndpoint, seedIntegration, seedTenant } from './test-support/seed.js';
import { waitUntil } from './test-support/waitUntil.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhookReceiver.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const config = testConfig();
const log = createLogger('test');
let database: RelinkDatabase;
let services: Services;
let tenantId: string;
let checker: ScriptedChecker;
let monitor: Monitor | undefined;

beforeAll(async () => {
  database = await createTestDatabase('monitor');
  services = await createServices(config, database);
  tenantId = (await seedTenant(database)).id;
});
afterAll(async () => {
  await services?.statusBus.close();
  if (database) await database.executeSql(`DROP SCHEMA IF EXISTS "${bossSchemaFor(database)}" CASCADE`);
  await database?.close();
});
beforeEach(async () => {
  await database.executeSql('DELETE FROM integrations');
  await database.executeSql('DELETE FROM webhook_endpoints');
  checker = new ScriptedChecker(services);
});
afterEach(async () => {
  await monitor?.stop();
  monitor = undefined;
});

const FAST: MonitorOptions = { sweepIntervalMs: 200, pollingIntervalSeconds: 0.5, checkConcurrency: 2, deliveryConcurrency: 2 };
const start = async (options: MonitorOptions = {}) => (monitor = await Monitor.start(services, log, { checker, ...FAST, ...options }));
const row = (id: string) => database.dataSource.getRepository(Integration).findOneByOrFail({ id });

describe('Monitor', () => {
  it('checks every due integration exactly once and schedules the next check about a day later', async () => {
    const due = await Promise.all(Array.from({ length: 120 }, () => seedIntegration(database, { tenantId })));
    const later = await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + HOUR) });
    const gone = await seedIntegration(database, { tenantId });
    await database.executeSql(`UPDATE integrations SET status = 'DISCONNECTED', next_check_at = NULL, disconnected_at = now() WHERE id = $1`, [gone.id]);

    await start({ batchSize: 50 });
    await waitUntil(() => checker.checkedIds.length >= due.length, 'all due integrations to be checked');
    await waitUntil(async () => (await row(due[0]!.id)).nextCheckAt!.getTime() > Date.now() + HOUR, 'rescheduling');
    await monitor!.stop();

    expect(checker.checkedIds.sort()).toEqual(due.map((i) => i.id).sort());
    expect(Math.max(...checker.calls.map((c) => c.length))).toBeLessThanOrEqual(50);
    for (const integration of due) {
      const after = await row(integration.id);
      expect(after.lastCheckedAt).toBeInstanceOf(Date);
      const delay = after.nextCheckAt!.getTime() - Date.now();
      expect(delay).toBeGreaterThan(0.85 * DAY);
      expect(delay).toBeLessThanOrEqual(DAY);
    }
    expect((await row(later.id)).lastCheckedAt).toBeNull();
    expect((await row(gone.id)).nextCheckAt).toBeNull();
  });

  it('adopts integrations nobody scheduled', async () => {
    const unscheduled = await seedIntegration(database, { tenantId, nextCheckAt: null });
    await start();
    await waitUntil(() => checker.checkedIds.includes(unscheduled.id), 'the unscheduled integration to be checked');
  });

  it('checks at once on request, from any process, through the NOTIFY wake-up', async () => {
    const integration = await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + DAY) });
    await start({ sweepIntervalMs: 60_000 });
    await monitor!.sweepNow();
    expect(checker.checkedIds).toEqual([]);
    const requestedAt = Date.now();
    expect(await new CheckRequests(database).request([integration.id], 'test')).toBe(1);
    await waitUntil(() => checker.checkedIds.includes(integration.id), 'the requested check');
    expect(Date.now() - requestedAt).toBeLessThan(5_000);
  });

  it('retries a check job that crashed, while the lease keeps other workers away', async () => {
    const integration = await seedIntegration(database, { tenantId });
    checker.answer = (_id, call) => (call === 0 ? { outcome: 'throw' } : { outcome: 'valid' });
    await start();
    await waitUntil(async () => (await row(integration.id)).lastCheckedAt, 'the retried check', 30_000);
    expect(checker.calls).toHaveLength(2);
    expect((await row(integration.id)).status).toBe('HEALTHY');
  });

  it('backs off per provider and per integration on transient answers, and never opens a window', async () => {
    const integration = await seedIntegration(database, { tenantId });
    checker.answer = () => ({ outcome: 'transient', retryAfterSeconds: 30 });
    await start();
    await waitUntil(async () => (await row(integration.id)).consecutiveTransientFailures === 1, 'the transient check');
    await waitUntil(async () => (await row(integration.id)).nextCheckAt!.getTime() < Date.now() + 2 * 60_000, 'the short retry');
    const after = await row(integration.id);
    expect(after.status).toBe('HEALTHY');
    expect(after.untrackedSince).toBeNull();
    expect(after.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(40_000);
    expect(monitor!.backoff.isPaused('FACEBOOK')).toBe(true);
    expect(monitor!.backoff.readyAt('FACEBOOK')).toBeGreaterThan(Date.now() + 25_000);
    expect(monitor!.backoff.readyProviders()).toEqual(['GOOGLE']);
  });

  it('makes an integration UNREACHABLE after a run of transient answers, without calling it invalid', async () => {
    const integration = await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + DAY) });
    checker.answer = () => ({ outcome: 'transient' });
    await start({ backoff: { baseSeconds: 0.05, maxSeconds: 0.1 } });
    const requests = new CheckRequests(database);
    for (let n = 1; n <= 3; n += 1) {
      await requests.request([integration.id], 'test');
      await waitUntil(async () => (await row(integration.id)).consecutiveTransientFailures === n, `transient failure ${n}`);
    }
    expect(await row(integration.id)).toMatchObject({ status: 'UNREACHABLE', cause: null, untrackedSince: null });
    checker.answer = () => ({ outcome: 'valid' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await requests.request([integration.id], 'test');
    await waitUntil(async () => (await row(integration.id)).status === 'HEALTHY', 'the recovery');
  });

  it('turns an integration EXPIRING_SOON a week before its end, with the date, and EXPIRED after it', async () => {
    const soon = new Date(Date.now() + 3 * DAY);
    const expiring = await seedIntegration(database, { tenantId, tokenExpiresAt: soon, nextCheckAt: new Date(Date.now() + HOUR) });
    const past = new Date(Date.now() - 60_000);
    const expired = await seedIntegration(database, { tenantId, dataAccessExpiresAt: past, nextCheckAt: new Date(Date.now() + HOUR) });
    await start();
    await monitor!.sweepNow();
    await waitUntil(async () => (await row(expiring.id)).status === 'EXPIRING_SOON', 'EXPIRING_SOON');
    const dead = await row(expired.id);
    expect(dead).toMatchObject({ status: 'EXPIRED', cause: 'DATA_ACCESS_EXPIRED' });
    expect(dead.untrackedSince?.toISOString()).toBe(past.toISOString());
    const events = await database.dataSource.getRepository(IntegrationEvent).findBy({ integrationId: expiring.id });
    const [event] = events;
    expect(event).toMatchObject({ type: 'expiry', status: 'EXPIRING_SOON', actor: 'monitor' });
    expect(event?.detail).toMatchObject({ tokenExpiresAt: soon.toISOString() });
  });

  it('delivers a signed webhook for a failure and for the recovery', async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver();
    try {
      const { secret } = await seedEndpoint(database, config.encryptionKeys, tenantId, `${receiver.url}/relink`);
      const integration = await seedIntegration(database, { tenantId, nextCheckAt: new Date(Date.now() + DAY) });
      await start({ sweepIntervalMs: 60_000 });
      const at = new Date();
      await services.status.apply(integration.id, { type: 'CHECK_INVALID', at, credentialVersion: 1, cause: 'PASSWORD_CHANGED' }, { actor: 'test', eventType: 'checked' });
      await services.status.apply(integration.id, { type: 'TOKEN_ISSUED', at: new Date(), credentialVersion: 2 }, { actor: 'test', eventType: 'reauthorized' });
      const hook = new Webhook(secret);
      type Body = { type: string; data: { integration: { id: string; status: string; cause: string | null }; previousStatus: string } };
      const bodies = (await receiver.waitFor(2)).map((r) => hook.verify(r.body, r.headers as Record<string, string>) as Body);
      // Standard Webhooks promise no order; each message says what it is.
      const failure = bodies.find((b) => b.data.integration.status === 'REVOKED');
      const recovery = bodies.find((b) => b.data.integration.status === 'HEALTHY');
      expect(failure?.data).toMatchObject({ integration: { id: integration.id, cause: 'PASSWORD_CHANGED' }, previousStatus: 'HEALTHY' });
      expect(recovery).toMatchObject({ type: 'integration.status_changed', data: { integration: { id: integration.id, cause: null }, previousStatus: 'REVOKED' } });
      await waitUntil(async () => (await database.dataSource.getRepository(WebhookDelivery).countBy({ status: 'delivered' })) === 2, 'deliveries recorded');
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('stops cleanly and can be stopped twice', async () => {
    await start();
    await monitor!.stop();
    await monitor!.stop();
  });
});
