import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import type { TicketRecord } from './TicketService.js';

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

  const ticketFor = async (kind: 'connect' | 'reauthorize', integrationId?: string): Promise<{ ticket: TicketRecord; url: URL }> => {
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider: 'FACEBOOK', kind, integrationId, actor: 'tenant:test' });
    const url = new URL(start.url);
    const consumed = await h.relink.services.tickets.consume(url.searchParams.get('ticket')!, 'FACEBOOK');
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
