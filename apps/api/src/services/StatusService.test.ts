import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, Integration, IntegrationEvent, Tenant, UntrackedWindow, WebhookDelivery, WebhookEndpoint, type RelinkDatabase } from '@relink/db';
import { StatusBus } from './StatusBus.js';
import { StatusService } from './StatusService.js';
import type { StatusChangeNotice } from './statusChannel.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));

describe('StatusService (the one road)', () => {
  let database: RelinkDatabase;
  let status: StatusService;
  let bus: StatusBus;
  let tenantId: string;
  const heard: StatusChangeNotice[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('api_status_service');
    status = new StatusService(database);
    bus = await StatusBus.start(database);
    bus.subscribe((notice) => heard.push(notice));
    const tenant = await database.dataSource.getRepository(Tenant).save({ name: 'Acme' });
    tenantId = tenant.id;
    await database.dataSource.getRepository(WebhookEndpoint).save({ tenantId, url: 'https://hooks.example/relink', secretCiphertext: 'x', secretKeyId: 'k' });
  });
  afterAll(async () => {
    await bus?.close();
    await database?.close();
  });

  const newIntegration = () =>
    database.dataSource.getRepository(Integration).save({ tenantId, provider: 'FACEBOOK', externalAccountId: `act_${Math.random()}`, name: 'Ads' });
  const waitFor = async (predicate: () => boolean) => {
    for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(predicate()).toBe(true);
  };

  it('opens a window on invalidation and closes it on reauthorization, with history, webhooks and notices', async () => {
    const { id } = await newIntegration();
    const meta = { actor: 'test', eventType: 'checked' };
    await status.apply(id, { type: 'TOKEN_ISSUED', at: at(0), credentialVersion: 1 }, { actor: 'test', eventType: 'connected' });
    const revoked = await status.apply(id, { type: 'CHECK_INVALID', at: at(10), credentialVersion: 1, cause: 'PASSWORD_CHANGED' }, meta);
    expect(revoked.integration).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED', untrackedSince: at(10) });
    const healed = await status.apply(id, { type: 'TOKEN_ISSUED', at: at(40), credentialVersion: 2 }, { actor: 'test', eventType: 'reauthorized' });
    expect(healed.integration).toMatchObject({ status: 'HEALTHY', cause: null, untrackedSince: null, credentialVersion: 2 });

    const windows = await database.dataSource.getRepository(UntrackedWindow).find({ where: { integrationId: id } });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ startedAt: at(10), endedAt: at(40), cause: 'PASSWORD_CHANGED' });
    const events = await database.dataSource.getRepository(IntegrationEvent).find({ where: { integrationId: id }, order: { at: 'ASC' } });
    expect(events.map((e) => [e.type, e.status, e.detail.from])).toEqual([['checked', 'REVOKED', 'HEALTHY'], ['reauthorized', 'HEALTHY', 'REVOKED']]);
    const deliveries = await database.dataSource.getRepository(WebhookDelivery).find({ where: { tenantId } });
    expect(deliveries.map((d) => (d.payload as { data: { integration: { status: string } } }).data.integration.status).sort()).toEqual(['HEALTHY', 'REVOKED']);
    await waitFor(() => heard.filter((n) => n.integrationId === id).length === 2);
  });

  it('ignores a check that started before a reauthorization (stale credential version)', async () => {
    const { id } = await newIntegration();
    await status.apply(id, { type: 'TOKEN_ISSUED', at: at(0), credentialVersion: 3 }, { actor: 'test', eventType: 'connected' });
    const stale = await status.apply(id, { type: 'CHECK_INVALID', at: at(5), credentialVersion: 2, cause: 'TOKEN_EXPIRED' }, { actor: 'test', eventType: 'checked' });
    expect(stale.transition.changed).toBe(false);
    expect(stale.integration.status).toBe('HEALTHY');
    expect(await database.dataSource.getRepository(UntrackedWindow).count({ where: { integrationId: id } })).toBe(0);
  });

  it('publishes nothing when the surrounding transaction rolls back', async () => {
    const { id } = await newIntegration();
    await expect(
      database.dataSource.transaction(async (em) => {
        await status.apply(id, { type: 'CHECK_INVALID', at: at(1), credentialVersion: 0, cause: 'APP_DEAUTHORIZED' }, { actor: 'test', eventType: 'checked' }, em);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.some((n) => n.integrationId === id)).toBe(false);
    expect((await database.dataSource.getRepository(Integration).findOneByOrFail({ id })).status).toBe('HEALTHY');
  });

  it('keeps transient failures out of windows and turns repeated ones into UNREACHABLE', async () => {
    const { id } = await newIntegration();
    const transient = { type: 'CHECK_TRANSIENT' as const, credentialVersion: 0 };
    for (const minute of [1, 2, 3]) await status.apply(id, { ...transient, at: at(minute) }, { actor: 'test', eventType: 'checked' });
    const row = await database.dataSource.getRepository(Integration).findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'UNREACHABLE', untrackedSince: null, consecutiveTransientFailures: 3 });
    expect(await database.dataSource.getRepository(UntrackedWindow).count({ where: { integrationId: id } })).toBe(0);
  });

  it('refuses an unknown integration', async () => {
    await expect(status.apply('00000000-0000-4000-8000-000000000000', { type: 'TIME_PASSED', at: at(0) }, { actor: 't', eventType: 'checked' })).rejects.toThrow(/does not exist/);
  });
});
