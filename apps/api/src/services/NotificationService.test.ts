import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, WebhookDelivery, type RelinkDatabase } from '@relink/db';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../test-support/testConfig.js';
import { seedDelivery, seedEndpoint, seedTenant } from '../monitor/test-support/seed.js';
import { startWebhookReceiver, type WebhookReceiver } from '../monitor/test-support/webhookReceiver.js';
import { NotificationService } from './NotificationService.js';

const config = testConfig();
let database: RelinkDatabase;
let receiver: WebhookReceiver;
let tenantId: string;

beforeAll(async () => {
  database = await createTestDatabase('notifications');
  receiver = await startWebhookReceiver();
  tenantId = (await seedTenant(database)).id;
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer((_req, res) => void res.writeHead(204).end());
});

const service = (policy: Partial<NotificationService['policy']> = {}) => new NotificationService(database, config.encryptionKeys, { policy, random: () => 0 });
const reload = (id: string) => database.dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id });

describe('NotificationService.deliver', () => {
  it('POSTs the payload as JSON with Standard Webhooks headers that the reference library verifies', async () => {
    const { endpoint, secret } = await seedEndpoint(database, config.encryptionKeys, tenantId, `${receiver.url}/hooks`);
    const payload = { type: 'integration.status_changed', timestamp: new Date().toISOString(), data: { integration: { id: 'i1', status: 'REVOKED' } } };
    const delivery = await seedDelivery(database, endpoint, payload);

    const outcome = await service().deliver(delivery.id);

    expect(outcome).toEqual({ result: 'delivered', statusCode: 204, attempts: 1 });
    const [request] = receiver.received;
    expect(request?.path).toBe('/hooks');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['webhook-id']).toBe(delivery.webhookId);
    expect(request?.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    const verified = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(verified).toEqual(payload);
    expect(() => new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`).verify(request!.body, request!.headers as Record<string, string>)).toThrow(
      /No matching signature/,
    );
    const row = await reload(delivery.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(await service().deliver(delivery.id)).toEqual({ result: 'skipped', reason: 'delivery is already delivered' });
  });

  it('retries with exponential back-off and gives up after maxAttempts', async () => {
    receiver.answer((_req, res) => void res.writeHead(500).end('boom'));
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, receiver.url);
    const delivery = await seedDelivery(database, endpoint);
    const notifications = service({ maxAttempts: 3, baseDelaySeconds: 10 });
    const now = new Date();

    const first = await notifications.deliver(delivery.id, now);
    expect(first).toMatchObject({ result: 'retry', statusCode: 500, error: 'HTTP 500', attempts: 1 });
    expect(first.result === 'retry' && first.nextAttemptAt.getTime() - now.getTime()).toBe(8_000);
    const second = await notifications.deliver(delivery.id, now);
    expect(second.result === 'retry' && second.nextAttemptAt.getTime() - now.getTime()).toBe(16_000);
    expect(await notifications.deliver(delivery.id, now)).toMatchObject({ result: 'failed', attempts: 3 });
    expect(await reload(delivery.id)).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null, deliveredAt: null });
  });

  it('honours Retry-After on 429', async () => {
    receiver.answer((_req, res) => void res.writeHead(429, { 'retry-after': '120' }).end());
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, receiver.url);
    const delivery = await seedDelivery(database, endpoint);
    const now = new Date();
    const outcome = await service({ baseDelaySeconds: 5 }).deliver(delivery.id, now);
    expect(outcome.result === 'retry' && outcome.nextAttemptAt.getTime() - now.getTime()).toBe(120_000);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    receiver.answer(() => undefined);
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, receiver.url);
    const delivery = await seedDelivery(database, endpoint);
    const outcome = await service({ timeoutMs: 300 }).deliver(delivery.id);
    expect(outcome).toMatchObject({ result: 'retry', statusCode: null, error: 'timed out after 0.3 s' });
  });

  it('follows a redirect on the same host but never to another host', async () => {
    receiver.answer((req, res) => {
      if (req.path === '/old') return void res.writeHead(308, { location: '/new' }).end();
      if (req.path === '/away') return void res.writeHead(307, { location: receiver.url.replace('127.0.0.1', 'localhost') + '/new' }).end();
      res.writeHead(200).end('ok');
    });
    const { endpoint: moved } = await seedEndpoint(database, config.encryptionKeys, tenantId, `${receiver.url}/old`);
    const sameHost = await seedDelivery(database, moved);
    expect(await service().deliver(sameHost.id)).toMatchObject({ result: 'delivered', statusCode: 200 });
    expect(receiver.received.map((r) => r.path)).toEqual(['/old', '/new']);
    expect(receiver.received[1]?.body).toBe(JSON.stringify(sameHost.payload));

    receiver.received.length = 0;
    const { endpoint: away } = await seedEndpoint(database, config.encryptionKeys, tenantId, `${receiver.url}/away`);
    const otherHost = await seedDelivery(database, away);
    expect(await service().deliver(otherHost.id)).toMatchObject({ result: 'retry', statusCode: 307, error: expect.stringMatching(/another host refused/) });
    expect(receiver.received.map((r) => r.path)).toEqual(['/away']);
  });

  it('marks a delivery to a disabled endpoint failed without calling it', async () => {
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, receiver.url);
    const delivery = await seedDelivery(database, endpoint);
    await database.executeSql('UPDATE webhook_endpoints SET disabled_at = now() WHERE id = $1', [endpoint.id]);
    expect(await service().deliver(delivery.id)).toMatchObject({ result: 'failed', error: 'endpoint disabled or removed' });
    expect(receiver.received).toHaveLength(0);
  });

  it('reports a refused connection as a retryable error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, `http://127.0.0.1:${port}/`);
    const delivery = await seedDelivery(database, endpoint);
    expect(await service().deliver(delivery.id)).toMatchObject({ result: 'retry', statusCode: null, error: expect.stringMatching(/fetch failed/) });
  });
});

describe('NotificationService.claimDue', () => {
  it('leases due pending deliveries once', async () => {
    await database.executeSql(`UPDATE webhook_deliveries SET status = 'failed' WHERE status = 'pending'`);
    const { endpoint } = await seedEndpoint(database, config.encryptionKeys, tenantId, receiver.url);
    const a = await seedDelivery(database, endpoint);
    const b = await seedDelivery(database, endpoint);
    const notifications = service();
    const [first, second] = await Promise.all([notifications.claimDue(10, 60), notifications.claimDue(10, 60)]);
    expect([...first!, ...second!].sort()).toEqual([a.id, b.id].sort());
    expect(await notifications.claimDue(10, 60)).toEqual([]);
    expect((await reload(a.id)).nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });
});
