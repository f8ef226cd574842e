import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';

describe('CheckService against the sandbox', () => {
  let h: ProviderHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProviderHarness('api_checks');
    tenantId = await h.seedTenant('Checks Inc');
  });
  afterAll(async () => {
    await h?.close();
  });

  const connect = async (provider: 'FACEBOOK' | 'GOOGLE', name: string, accounts = 1) => {
    const user = await h.createUser(provider, name);
    for (let i = 0; i < accounts; i += 1) await h.addAdAccount(user.userId, `${name} ${i + 1}`);
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider, kind: 'connect', actor: 'test' });
    const flow = await h.follow(`${start.url}&login_hint=${user.userId}`, { accept: 'application/json' });
    const body = JSON.parse(flow.body) as { ok: boolean; integrationIds: string[] };
    expect(body.ok).toBe(true);
    return { user, ids: body.integrationIds };
  };
  const row = async (id: string) => {
    const rows: Array<{ status: string; cause: string | null; untracked_since: Date | null; consecutive_transient_failures: number }> =
      await h.database.dataSource.query('SELECT status, cause, untracked_since, consecutive_transient_failures FROM integrations WHERE id = $1', [id]);
    return rows[0]!;
  };

  it('a valid Facebook token stays HEALTHY; a dead one becomes REVOKED with its cause', async () => {
    const { user, ids } = await connect('FACEBOOK', 'Pat Check');
    await h.relink.services.checks.recheck(ids[0]!, 'test');
    expect(await row(ids[0]!)).toMatchObject({ status: 'HEALTHY', cause: null });
    await h.invalidate(user.userId, 'PASSWORD_CHANGED');
    await h.relink.services.checks.recheck(ids[0]!, 'test');
    expect(await row(ids[0]!)).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED', untracked_since: expect.any(Date) });
  });

  it('a provider fault is transient: PROVIDER_UNAVAILABLE, the token is never marked invalid', async () => {
    const { ids } = await connect('FACEBOOK', 'Fay Fault');
    await h.control('/faults', { provider: 'FACEBOOK', kind: 'http500', count: 1 });
    await expect(h.relink.services.checks.recheck(ids[0]!, 'test')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect(await row(ids[0]!)).toMatchObject({ status: 'HEALTHY', cause: null, consecutive_transient_failures: 1 });
    await h.control('/faults', { provider: 'FACEBOOK', kind: 'rateLimit', count: 1 });
    await expect(h.relink.services.checks.recheck(ids[0]!, 'test')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((await row(ids[0]!)).status).toBe('HEALTHY');
  });

  it('checkMany checks Facebook tokens in one Graph batch and Google ones by refresh', async () => {
    const fb1 = await connect('FACEBOOK', 'Batch One', 2);
    const fb2 = await connect('FACEBOOK', 'Batch Two');
    const g = await connect('GOOGLE', 'Batch Google');
    await h.invalidate(fb2.user.userId, 'SESSION_INVALIDATED');
    const outcomes = await h.relink.services.checks.checkMany([...fb1.ids, ...fb2.ids, ...g.ids]);
    expect(outcomes).toHaveLength(4);
    const byId = new Map(outcomes.map((o) => [o.integrationId, o]));
    for (const id of fb1.ids) expect(byId.get(id)).toMatchObject({ outcome: 'valid' });
    expect(byId.get(fb2.ids[0]!)).toMatchObject({ outcome: 'invalid', cause: 'SESSION_INVALIDATED', changed: true });
    expect(byId.get(g.ids[0]!)).toMatchObject({ outcome: 'valid' });
    expect(await row(fb2.ids[0]!)).toMatchObject({ status: 'REVOKED', cause: 'SESSION_INVALIDATED' });
  });

  it('a Google invalid_grant right after a refresh-time fault is still only transient', async () => {
    const g = await connect('GOOGLE', 'Gina Fault');
    await h.control('/faults', { provider: 'GOOGLE', kind: 'timeout', count: 1 });
    await expect(h.relink.services.checks.recheck(g.ids[0]!, 'test')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((await row(g.ids[0]!)).status).toBe('HEALTHY');
  }, 30_000);

  it('disconnect revokes at the provider, deletes the stored tokens and applies DISCONNECTED', async () => {
    const g = await connect('GOOGLE', 'Dana Disconnect');
    await h.relink.services.checks.disconnect(g.ids[0]!, 'test');
    expect(await row(g.ids[0]!)).toMatchObject({ status: 'DISCONNECTED', cause: null });
    const events: Array<{ type: string; detail: { providerRevoke?: string } }> = await h.database.dataSource.query(
      "SELECT type, detail FROM integration_events WHERE integration_id = $1 AND type = 'disconnected'",
      [g.ids[0]],
    );
    expect(events[0]?.detail.providerRevoke).toBe('revoked');
    const users = await h.control<{ users: Array<{ userId: string; liveTokens: number }> }>('/users');
    expect(users.users.find((u) => u.userId === g.user.userId)?.liveTokens).toBe(0);
    await expect(h.relink.services.checks.recheck(g.ids[0]!, 'test')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
