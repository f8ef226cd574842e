import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { In } from 'typeorm';
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

  it('applies a batch in one go: each row its own answer, repeated rows in order, results in input order', async () => {
    const [a, b, c] = await Promise.all([newIntegration(), newIntegration(), newIntegration()]);
    const check = { actor: 'monitor', eventType: 'checked' };
    const applied = await status.applyEach([
      { integrationId: a.id, event: { type: 'CHECK_INVALID', at: at(1), credentialVersion: 0, cause: 'PASSWORD_CHANGED' }, meta: check },
      { integrationId: b.id, event: { type: 'CHECK_VALID', at: at(1), credentialVersion: 0 }, meta: check },
      { integrationId: a.id, event: { type: 'TOKEN_ISSUED', at: at(7), credentialVersion: 1 }, meta: { actor: 'test', eventType: 'reauthorized' } },
      { integrationId: c.id, event: { type: 'CHECK_TRANSIENT', at: at(1), credentialVersion: 0 }, meta: check },
    ]);
    expect(applied.map((r) => [r.integration.id, r.integration.status, r.transition.changed])).toEqual([
      [a.id, 'REVOKED', true],
      [b.id, 'HEALTHY', false],
      [a.id, 'HEALTHY', true],
      [c.id, 'HEALTHY', false],
    ]);
    const rows = await database.dataSource.getRepository(Integration).findBy({ id: In([a.id, b.id, c.id]) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: 'HEALTHY', credentialVersion: 1, untrackedSince: null, lastCheckedAt: at(1) });
    expect(byId.get(b.id)).toMatchObject({ status: 'HEALTHY', lastCheckedAt: at(1), consecutiveTransientFailures: 0 });
    expect(byId.get(c.id)).toMatchObject({ status: 'HEALTHY', lastCheckedAt: at(1), consecutiveTransientFailures: 1 });
    const windows = await database.dataSource.getRepository(UntrackedWindow).find({ where: { integrationId: a.id } });
    expect(windows).toMatchObject([{ startedAt: at(1), endedAt: at(7), cause: 'PASSWORD_CHANGED' }]);
    const events = await database.dataSource.getRepository(IntegrationEvent).find({ where: { integrationId: In([a.id, b.id, c.id]) }, order: { at: 'ASC' } });
    expect(events.map((e) => [e.integrationId, e.type, e.status])).toEqual([[a.id, 'checked', 'REVOKED'], [a.id, 'reauthorized', 'HEALTHY']]);
    const payloads = (await database.dataSource.getRepository(WebhookDelivery).find({ where: { tenantId } }))
      .map((d) => d.payload as { data: { integration: { id: string; status: string }; previousStatus: string } })
      .filter((p) => p.data.integration.id === a.id);
    expect(payloads.map((p) => [p.data.previousStatus, p.data.integration.status]).sort()).toEqual([['HEALTHY', 'REVOKED'], ['REVOKED', 'HEALTHY']]);
    await waitFor(() => heard.filter((n) => n.integrationId === a.id).length === 2);
    expect(heard.filter((n) => n.integrationId === a.id).map((n) => n.status)).toEqual(['REVOKED', 'HEALTHY']);
  });

  it('leaves next_check_at alone when no lease is being ended, and clears it on disconnect', async () => {
    const [kept, gone] = await Promise.all([newIntegration(), newIntegration()]);
    const scheduled = '2026-11-01 12:30:00.123456+00';
    await database.executeSql('UPDATE integrations SET next_check_at = $1 WHERE id = ANY($2::uuid[])', [scheduled, [kept.id, gone.id]]);
    await status.applyEach([
      { integrationId: kept.id, event: { type: 'CHECK_VALID', at: at(2), credentialVersion: 0 }, meta: { actor: 'monitor', eventType: 'checked' } },
      { integrationId: gone.id, event: { type: 'DISCONNECTED', at: at(2) }, meta: { actor: 'test', eventType: 'disconnected' } },
    ]);
    const { rows } = await database.executeSql<{ id: string; next: string | null }>(
      "SELECT id, to_char(next_check_at AT TIME ZONE 'UTC', 'HH24:MI:SS.US') AS next FROM integrations WHERE id = ANY($1::uuid[])",
      [[kept.id, gone.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.next]))).toEqual({ [kept.id]: '12:30:00.123456', [gone.id]: null });
  });

  it('refuses a batch naming an unknown integration, and changes nothing of the rest', async () => {
    const { id } = await newIntegration();
    await expect(
      status.applyEach([
        { integrationId: id, event: { type: 'CHECK_INVALID', at: at(3), credentialVersion: 0, cause: 'TOKEN_EXPIRED' }, meta: { actor: 't', eventType: 'checked' } },
        { integrationId: '00000000-0000-4000-8000-000000000001', event: { type: 'TIME_PASSED', at: at(3) }, meta: { actor: 't', eventType: 'checked' } },
      ]),
    ).rejects.toThrow(/00000000-0000-4000-8000-000000000001 does not exist/);
    expect((await database.dataSource.getRepository(Integration).findOneByOrFail({ id })).status).toBe('HEALTHY');
  });

  it('runs overlapping batches at once without deadlock (rows are locked in id order)', async () => {
    const rows = await Promise.all([1, 2, 3, 4, 5].map(() => newIntegration()));
    const ids = rows.map((r) => r.id);
    const batches = Array.from({ length: 8 }, (_, k) => (k % 2 === 0 ? [...ids] : [...ids].reverse()));
    await Promise.all(
      batches.map((batch, k) =>
        status.applyEach(batch.map((integrationId) => ({
          integrationId,
          event: k % 2 === 0 ? { type: 'CHECK_INVALID' as const, at: at(10 + k), credentialVersion: 0, cause: 'TOKEN_EXPIRED' as const } : { type: 'CHECK_VALID' as const, at: at(10 + k), credentialVersion: 0 },
          meta: { actor: 'monitor', eventType: 'checked' },
        }))),
      ),
    );
    const after = await database.dataSource.getRepository(Integration).findBy({ id: In(ids) });
    const events = await database.dataSource.getRepository(IntegrationEvent).countBy({ integrationId: In(ids) });
    // Every change was applied exactly once: the history has one row per status version.
    expect(events).toBe(after.reduce((sum, r) => sum + r.statusVersion, 0));
  });

  it('ends the monitor\'s lease in the same write: next check set, due at once if requested meanwhile, a lost lease changes no schedule', async () => {
    const [mine, requested, lost] = await Promise.all([newIntegration(), newIntegration(), newIntegration()]);
    const lease = randomUUID();
    const someoneElse = randomUUID();
    const lastWeek = '2026-10-25 08:00:00+00';
    await database.executeSql('UPDATE integrations SET next_check_at = $1 WHERE id = ANY($2::uuid[])', [lastWeek, [mine.id, requested.id, lost.id]]);
    await database.executeSql(
      `INSERT INTO integration_leases (integration_id, lease, until, requested)
       VALUES ($1, $4, now() + interval '5 minutes', false), ($2, $4, now() + interval '5 minutes', true), ($3, $5, now() + interval '5 minutes', false)`,
      [mine.id, requested.id, lost.id, lease, someoneElse],
    );
    const next = new Date('2026-11-02T12:00:00.000Z');
    const seen: string[] = [];
    const release = { lease, next: (after: Integration) => (seen.push(after.status), next) };
    await status.applyEach(
      [mine, requested, lost].map(({ id }) => ({
        integrationId: id,
        event: { type: 'CHECK_INVALID' as const, at: at(20), credentialVersion: 0, cause: 'TOKEN_EXPIRED' as const },
        meta: { actor: 'monitor', eventType: 'checked' },
        release,
      })),
    );
    expect(seen).toEqual(['EXPIRED', 'EXPIRED', 'EXPIRED']);
    const rows = await database.dataSource.getRepository(Integration).findBy({ id: In([mine.id, requested.id, lost.id]) });
    const nextOf = new Map(rows.map((r) => [r.id, r.nextCheckAt!.getTime()]));
    expect(nextOf.get(mine.id)).toBe(next.getTime());
    expect(Math.abs(nextOf.get(requested.id)! - Date.now())).toBeLessThan(60_000);
    expect(nextOf.get(lost.id)).toBe(new Date(lastWeek).getTime());
    const { rows: left } = await database.executeSql<{ integration_id: string }>('SELECT integration_id FROM integration_leases WHERE integration_id = ANY($1::uuid[])', [
      [mine.id, requested.id, lost.id],
    ]);
    expect(left.map((r) => r.integration_id)).toEqual([lost.id]);
  });
});
