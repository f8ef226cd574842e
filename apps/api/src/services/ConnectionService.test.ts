import { randomUUID } from 'node:crypto';
import type { Provider } from '@relink/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import type { TicketRecord } from './TicketService.js';
import { IntegrationLeases } from '../monitor/IntegrationLeases.js';

describe('ConnectionService.completeAuthorization', () => {
  let h: ProviderHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProviderHarness('api_connections');
    tenantId = await h.seedTenant('Agency');
  });
  afterAll(async () => {
    await h?.close();
  });

  const ticketFor = async (kind: 'connect' | 'reauthorize', integrationId?: string, provider: Provider = 'FACEBOOK'): Promise<{ ticket: TicketRecord; url: URL }> => {
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider, kind, integrationId, actor: 'tenant:test' });
    const url = new URL(start.url);
    const consumed = await h.relink.services.tickets.consume(url.searchParams.get('ticket')!, provider);
    if (!consumed.ok) throw new Error(consumed.reason);
    return { ticket: consumed.ticket, url };
  };
  const tokens = (n: number) => ({ accessToken: `EAAtest${n}`, accessTokenExpiresAt: new Date(Date.now() + 50 * 86_400_000), scopes: ['ads_read', 'ads_management'] });
  const row = async (id: string) =>
    ((await h.database.dataSource.query('SELECT status, cause, identity_id, untracked_since FROM integrations WHERE id = $1', [id])) as Array<{
      status: string;
      cause: string | null;
      identity_id: string;
      untracked_since: Date | null;
    }>)[0]!;

  it('records a reauthorization by another identity; accounts it cannot reach stay broken', async () => {
    const { ticket: connect } = await ticketFor('connect');
    const first = await h.relink.services.connections.completeAuthorization(connect, tokens(1), { externalUserId: 'fb-anna', name: 'Anna', email: 'anna@example.com' }, [
      { externalAccountId: 'act_1', name: 'Shared account' },
      { externalAccountId: 'act_2', name: 'Anna only' },
    ]);
    expect(first.createdIntegrationIds).toHaveLength(2);
    const [shared, annaOnly] = first.integrationIds as [string, string];
    for (const id of first.integrationIds) {
      await h.relink.services.status.apply(id, { type: 'CHECK_INVALID', at: new Date(), credentialVersion: 1, cause: 'PASSWORD_CHANGED' }, { actor: 'test', eventType: 'checked' });
    }
    expect(await row(shared)).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED' });

    const { ticket: reauth, url } = await ticketFor('reauthorize', shared);
    expect(url.searchParams.get('login_hint')).toBe('anna@example.com');
    const second = await h.relink.services.connections.completeAuthorization(reauth, tokens(2), { externalUserId: 'fb-ben', name: 'Ben' }, [
      { externalAccountId: 'act_1', name: 'Shared account' },
    ]);
    expect(second).toMatchObject({ targetFixed: true, previousIdentityId: first.identityId, unreachableIntegrationIds: [annaOnly], integrationIds: [shared] });
    expect(await row(shared)).toMatchObject({ status: 'HEALTHY', cause: null, identity_id: second.identityId, untracked_since: null });
    expect(await row(annaOnly)).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED', identity_id: first.identityId });
    const events: Array<{ type: string; actor: string; detail: Record<string, unknown> }> = await h.database.dataSource.query(
      'SELECT type, actor, detail FROM integration_events WHERE integration_id = $1 ORDER BY at DESC LIMIT 1',
      [shared],
    );
    expect(events[0]).toMatchObject({ type: 'reauthorized_by_other_identity', actor: 'tenant:test', detail: { previousIdentityId: first.identityId } });
  });

  it('a connect by another identity leaves a healthy integration of that account alone', async () => {
    const { ticket } = await ticketFor('connect');
    const owner = await h.relink.services.connections.completeAuthorization(ticket, tokens(3), { externalUserId: 'fb-carl', name: 'Carl' }, [
      { externalAccountId: 'act_3', name: 'Carl account' },
    ]);
    const { ticket: other } = await ticketFor('connect');
    const result = await h.relink.services.connections.completeAuthorization(other, tokens(4), { externalUserId: 'fb-dora', name: 'Dora' }, [
      { externalAccountId: 'act_3', name: 'Carl account' },
    ]);
    expect(result.keptIntegrationIds).toEqual(owner.integrationIds);
    expect(result.integrationIds).toEqual([]);
    expect((await row(owner.integrationIds[0]!)).identity_id).toBe(owner.identityId);
  });

  it('a new credential version revokes the previous live one of that identity', async () => {
    const { ticket } = await ticketFor('connect');
    await h.relink.services.connections.completeAuthorization(ticket, tokens(5), { externalUserId: 'fb-carl', name: 'Carl' }, [{ externalAccountId: 'act_3', name: 'Carl account' }]);
    const creds: Array<{ version: number; revoked: boolean }> = await h.database.dataSource.query(
      "SELECT c.version, c.revoked_at IS NOT NULL AS revoked FROM credentials c JOIN provider_identities p ON p.id = c.identity_id WHERE p.external_user_id = 'fb-carl' ORDER BY c.version",
    );
    expect(creds).toEqual([
      { version: 1, revoked: true },
      { version: 2, revoked: false },
    ]);
    const loaded = await h.relink.services.credentials.loadMany([]);
    expect(loaded.size).toBe(0);
  });

  it('two consents of the same identity at once both land, as consecutive credential versions', async () => {
    const [a, b] = await Promise.all([ticketFor('connect'), ticketFor('connect')]);
    const profile = { externalUserId: 'fb-twice', name: 'Twice' };
    const accounts = [{ externalAccountId: 'act_9', name: 'Twice account' }];
    await Promise.all([
      h.relink.services.connections.completeAuthorization(a.ticket, tokens(6), profile, accounts),
      h.relink.services.connections.completeAuthorization(b.ticket, tokens(7), profile, accounts),
    ]);
    const creds: Array<{ version: number; live: boolean }> = await h.database.dataSource.query(
      "SELECT c.version, c.revoked_at IS NULL AS live FROM credentials c JOIN provider_identities p ON p.id = c.identity_id WHERE p.external_user_id = 'fb-twice' ORDER BY c.version",
    );
    expect(creds).toEqual([
      { version: 1, live: false },
      { version: 2, live: true },
    ]);
    const rows: Array<{ n: number }> = await h.database.dataSource.query("SELECT count(*)::int AS n FROM integrations WHERE external_account_id = 'act_9'");
    expect(rows[0]!.n).toBe(1);
  });

  describe('schedules the first check on core\'s cadence (not left for the monitor to adopt)', () => {
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    const nextCheck = async (id: string) =>
      ((await h.database.dataSource.query('SELECT next_check_at FROM integrations WHERE id = $1', [id])) as Array<{ next_check_at: Date | null }>)[0]!
        .next_check_at;
    /** Milliseconds from `before` to the integration's next check; the jitter only ever makes it earlier (10 % at most). */
    const delay = async (id: string, before: number) => {
      const at = await nextCheck(id);
      expect(at).toBeInstanceOf(Date);
      return new Date(at!).getTime() - before;
    };

    it('a new Facebook integration far from its end: about a day from now', async () => {
      const { ticket } = await ticketFor('connect');
      const before = Date.now();
      const done = await h.relink.services.connections.completeAuthorization(ticket, tokens(20), { externalUserId: 'fb-sched', name: 'Sched' }, [
        { externalAccountId: 'act_sched_1', name: 'Scheduled 1' },
        { externalAccountId: 'act_sched_2', name: 'Scheduled 2' },
      ]);
      expect(done.createdIntegrationIds).toHaveLength(2);
      for (const id of done.integrationIds) {
        const ms = await delay(id, before);
        expect(ms).toBeGreaterThan(0.9 * DAY - 1000);
        expect(ms).toBeLessThanOrEqual(DAY + (Date.now() - before));
      }
    });

    it('a Facebook token within a week of its end: within the hour', async () => {
      const { ticket } = await ticketFor('connect');
      const before = Date.now();
      const soon = { accessToken: 'EAAtestsoon', accessTokenExpiresAt: new Date(Date.now() + 3 * DAY), scopes: ['ads_read'] };
      const done = await h.relink.services.connections.completeAuthorization(ticket, soon, { externalUserId: 'fb-soon', name: 'Soon' }, [
        { externalAccountId: 'act_soon', name: 'Soon account' },
      ]);
      const ms = await delay(done.integrationIds[0]!, before);
      expect(ms).toBeGreaterThan(0.9 * HOUR - 1000);
      expect(ms).toBeLessThanOrEqual(HOUR + (Date.now() - before));
    });

    it('a Google grant: at least daily, hourly when its time-based access ends within a week', async () => {
      const { ticket } = await ticketFor('connect', undefined, 'GOOGLE');
      const before = Date.now();
      const grant = { accessToken: 'ya29.test', refreshToken: '1//test', accessTokenExpiresAt: new Date(Date.now() + HOUR), scopes: ['https://www.googleapis.com/auth/adwords'] };
      const done = await h.relink.services.connections.completeAuthorization(ticket, grant, { externalUserId: 'g-sched', name: 'G' }, [
        { externalAccountId: '1234567890', name: 'Google account' },
      ]);
      const daily = await delay(done.integrationIds[0]!, before);
      expect(daily).toBeGreaterThan(0.9 * DAY - 1000);
      expect(daily).toBeLessThanOrEqual(DAY + (Date.now() - before));

      const { ticket: testing } = await ticketFor('connect', undefined, 'GOOGLE');
      const limited = { ...grant, refreshTokenExpiresAt: new Date(Date.now() + 6 * DAY) };
      const again = await h.relink.services.connections.completeAuthorization(testing, limited, { externalUserId: 'g-testing', name: 'G testing' }, [
        { externalAccountId: '9876543210', name: 'Google testing account' },
      ]);
      expect(await delay(again.integrationIds[0]!, before)).toBeLessThanOrEqual(HOUR + (Date.now() - before));
    });

    it('a reauthorized integration is scheduled from its new token, replacing the lease of a running check', async () => {
      const { ticket } = await ticketFor('connect');
      const first = await h.relink.services.connections.completeAuthorization(ticket, tokens(21), { externalUserId: 'fb-reauth', name: 'Re' }, [
        { externalAccountId: 'act_reauth', name: 'Reauth account' },
      ]);
      const id = first.integrationIds[0]!;
      await h.relink.services.status.apply(id, { type: 'CHECK_INVALID', at: new Date(), credentialVersion: 1, cause: 'SESSION_INVALIDATED' }, { actor: 'test', eventType: 'checked' });
      // As if a monitor worker held it right now.
      const lease = randomUUID();
      await h.database.dataSource.query(
        "INSERT INTO integration_leases (integration_id, lease, until) VALUES ($1, $2, now() + interval '5 minutes')",
        [id, lease],
      );
      const { ticket: reauth } = await ticketFor('reauthorize', id);
      const before = Date.now();
      const soon = { accessToken: 'EAAtestre', accessTokenExpiresAt: new Date(Date.now() + 2 * DAY), scopes: ['ads_read'] };
      const done = await h.relink.services.connections.completeAuthorization(reauth, soon, { externalUserId: 'fb-reauth', name: 'Re' }, [
        { externalAccountId: 'act_reauth', name: 'Reauth account' },
      ]);
      expect(done.targetFixed).toBe(true);
      expect(await row(id)).toMatchObject({ status: 'EXPIRING_SOON', cause: null, untracked_since: null });
      const ms = await delay(id, before);
      expect(ms).toBeGreaterThan(0.9 * HOUR - 1000);
      expect(ms).toBeLessThanOrEqual(HOUR + (Date.now() - before));
      // The running check's release finds no lease of its own, so this schedule stands.
      expect(await new IntegrationLeases(h.database).release([{ id, next: null }], lease)).toBe(0);
      expect(await delay(id, before)).toBe(ms);
    });
  });

  it('refuses bad returnTo and openerOrigin values', async () => {
    const start = (extra: Record<string, string>) =>
      h.relink.services.connections.startAuthorization({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test', ...extra });
    await expect(start({ returnTo: 'javascript:alert(1)' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(start({ returnTo: 'not a url' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(start({ openerOrigin: 'https://host.example/path' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      h.relink.services.connections.startAuthorization({ tenantId: '00000000-0000-0000-0000-000000000000', provider: 'GOOGLE', kind: 'connect', actor: 'test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
