import { createTestDatabase, Integration, UntrackedWindow, type RelinkDatabase } from '@relink/db';
import { startSandboxServer, type SandboxServer } from '@relink/provider-sandbox';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createServices, type Services } from '../services/services.js';
import { testConfig } from '../test-support/testConfig.js';
import { CheckRequests } from './CheckRequests.js';
import { bossSchemaFor } from './createBoss.js';
import { Monitor } from './Monitor.js';
import { createSandboxUser, invalidateSandboxUser, mintFacebookToken } from './test-support/sandboxTokens.js';
import { seedCredential, seedEndpoint, seedIntegration, seedTenant } from './test-support/seed.js';
import { waitUntil } from './test-support/waitUntil.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhookReceiver.js';

const DAY = 86_400_000;
const app = { appId: '1000000000000077', appSecret: 'monitor-test-app-secret' };
let sandbox: SandboxServer;
let database: RelinkDatabase;
let services: Services;
let monitor: Monitor;
let receiver: WebhookReceiver;
let requests: CheckRequests;
let tenantId: string;
let encryptionKeys: string;

/** A Facebook integration on its own sandbox user and real long-lived token, not due yet. */
async function connected(name: string): Promise<{ userId: string; integration: Integration }> {
  const userId = await createSandboxUser(sandbox.url, 'FACEBOOK', name);
  const token = await mintFacebookToken(sandbox.url, app, userId);
  const { identityId, credentialId } = await seedCredential(database, encryptionKeys, { tenantId, externalUserId: userId, accessToken: token });
  const integration = await seedIntegration(database, { tenantId, identityId, credentialId, credentialVersion: 1, nextCheckAt: new Date(Date.now() + DAY) });
  return { userId, integration };
}
const row = (id: string) => database.dataSource.getRepository(Integration).findOneByOrFail({ id });

beforeAll(async () => {
  sandbox = await startSandboxServer({ facebook: app });
  const config = testConfig({
    RELINK_PUBLIC_URL: new URL(sandbox.url).origin,
    RELINK_SANDBOX_FACEBOOK_APP_ID: app.appId,
    RELINK_SANDBOX_FACEBOOK_APP_SECRET: app.appSecret,
  });
  encryptionKeys = config.encryptionKeys;
  database = await createTestDatabase('monitor_real');
  services = await createServices(config, database);
  receiver = await startWebhookReceiver();
  tenantId = (await seedTenant(database)).id;
  requests = new CheckRequests(database);
  monitor = await Monitor.start(services, createLogger('test'), {
    checker: services.checks,
    sweepIntervalMs: 200,
    pollingIntervalSeconds: 0.5,
    checkConcurrency: 2,
    backoff: { baseSeconds: 0.2, maxSeconds: 1, maxAskedSeconds: 1 },
  });
});
afterAll(async () => {
  await monitor?.stop();
  await services?.statusBus.close();
  await receiver?.close();
  if (database) await database.executeSql(`DROP SCHEMA IF EXISTS "${bossSchemaFor(database)}" CASCADE`);
  await database?.close();
  await sandbox?.close();
});

describe('the monitor with the real provider layer and the sandbox', () => {
  it('checks a live token through a debug_token batch and schedules the next check within a day', async () => {
    const { integration } = await connected('Healthy Hana');
    await requests.request([integration.id], 'test');
    await waitUntil(async () => (await row(integration.id)).lastCheckedAt, 'the check');
    const after = await row(integration.id);
    expect(after.status).toBe('HEALTHY');
    expect(after.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(50 * DAY);
    expect(after.dataAccessExpiresAt!.getTime() - Date.now()).toBeGreaterThan(80 * DAY);
    await waitUntil(async () => (await row(integration.id)).nextCheckAt!.getTime() > Date.now() + 0.8 * DAY, 'the next check a day ahead');
    expect((await row(integration.id)).nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now() + DAY);
  });

  it('finds a silently killed token on request, opens the window and sends a signed webhook', async () => {
    const { secret } = await seedEndpoint(database, encryptionKeys, tenantId, `${receiver.url}/relink`);
    const { userId, integration } = await connected('Password Paul');
    await invalidateSandboxUser(sandbox.url, userId, 'PASSWORD_CHANGED');
    await requests.request([integration.id], 'host app reported a failing call');
    await waitUntil(async () => (await row(integration.id)).status === 'REVOKED', 'REVOKED');
    expect(await row(integration.id)).toMatchObject({ cause: 'PASSWORD_CHANGED', consecutiveTransientFailures: 0 });
    expect(await database.dataSource.getRepository(UntrackedWindow).countBy({ integrationId: integration.id })).toBe(1);
    const [hook] = await receiver.waitFor(1);
    const body = new Webhook(secret).verify(hook!.body, hook!.headers as Record<string, string>) as { data: { integration: { id: string; status: string; cause: string } } };
    expect(body.data.integration).toMatchObject({ id: integration.id, status: 'REVOKED', cause: 'PASSWORD_CHANGED' });
    await database.executeSql('UPDATE webhook_endpoints SET disabled_at = now()');
  });

  it('does not let a check that started before a reauthorization mark the fresh token invalid', async () => {
    const { userId, integration } = await connected('Racing Rita');
    await invalidateSandboxUser(sandbox.url, userId, 'SESSION_INVALIDATED');
    // Stage the race: the provider has answered "invalid" for credential v1, and just before that answer
    // is applied, a reauthorization commits credential v2.
    const status = services.status;
    const original = status.applyEach.bind(status);
    status.applyEach = async (changes, manager) => {
      if (changes.some((c) => c.integrationId === integration.id && c.event.type === 'CHECK_INVALID')) {
        // (in the check's own transaction: PGlite has one connection, so a second transaction would wait forever)
        await original([{ integrationId: integration.id, event: { type: 'TOKEN_ISSUED', at: new Date(), credentialVersion: 2 }, meta: { actor: 'test', eventType: 'reauthorized' } }], manager);
      }
      return original(changes, manager);
    };
    try {
      await requests.request([integration.id], 'test');
      await waitUntil(async () => (await row(integration.id)).credentialVersion === 2 && monitor.stats.checkJobs > 0, 'the staged race');
      await waitUntil(async () => (await row(integration.id)).nextCheckAt!.getTime() > Date.now() + 1000, 'the check to finish');
    } finally {
      status.applyEach = original;
    }
    const after = await row(integration.id);
    expect(after).toMatchObject({ status: 'HEALTHY', cause: null, untrackedSince: null, credentialVersion: 2 });
    expect(await database.dataSource.getRepository(UntrackedWindow).countBy({ integrationId: integration.id })).toBe(0);
  });

  it('treats a provider 500 as transient: no window, provider backs off, the next check comes soon', async () => {
    const { integration } = await connected('Flaky Fred');
    sandbox.sandbox.injectFault('FACEBOOK', 'http500', 1);
    await requests.request([integration.id], 'test');
    await waitUntil(async () => (await row(integration.id)).consecutiveTransientFailures === 1, 'the transient check');
    const after = await row(integration.id);
    expect(after).toMatchObject({ status: 'HEALTHY', untrackedSince: null });
    expect(monitor.backoff.consecutiveFailures('FACEBOOK')).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => (await row(integration.id)).nextCheckAt!.getTime() < Date.now() + 5 * 60_000, 'a soon retry');
    // …and the retry gets a real answer.
    await requests.request([integration.id], 'test');
    await waitUntil(async () => (await row(integration.id)).consecutiveTransientFailures === 0, 'the successful retry', 20_000);
    expect(monitor.backoff.consecutiveFailures('FACEBOOK')).toBe(0);
  });
});
