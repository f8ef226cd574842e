import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@relink/core';
import { RISC_EVENT_TYPES } from '@relink/core';
import { donePageData, startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import { applySecurityEvent } from './applySecurityEvent.js';

describe('provider webhooks through the sandbox', () => {
  let h: ProviderHarness;
  let tenantId: string;

  beforeAll(async () => {
    h = await startProviderHarness('api_webhooks');
    tenantId = await h.seedTenant('Hooks Ltd');
  });
  afterAll(async () => {
    await h?.close();
  });

  const connect = async (provider: Provider, name: string) => {
    const user = await h.createUser(provider, name);
    await h.addAdAccount(user.userId, `${name} ads`);
    const start = await h.relink.services.connections.startAuthorization({ tenantId, provider, kind: 'connect', openerOrigin: 'https://h.example', actor: 'test' });
    const flow = await h.follow(`${start.url}&login_hint=${user.userId}`);
    return { user, id: donePageData(flow.body).message!.integrationIds![0]! };
  };
  const row = async (id: string) => {
    const rows: Array<{ status: string; cause: string | null; identity_id: string }> = await h.database.dataSource.query(
      'SELECT status, cause, identity_id FROM integrations WHERE id = $1',
      [id],
    );
    return rows[0]!;
  };
  const tokensOf = async (identityId: string) => {
    const rows: Array<{ access_token_ciphertext: string; refresh_token_ciphertext: string | null }> = await h.database.dataSource.query(
      'SELECT access_token_ciphertext, refresh_token_ciphertext FROM credentials WHERE identity_id = $1',
      [identityId],
    );
    return rows;
  };
  const eventTypes = async (id: string) =>
    ((await h.database.dataSource.query('SELECT type FROM integration_events WHERE integration_id = $1 ORDER BY at', [id])) as Array<{ type: string }>).map((e) => e.type);

  it('Google tokens-revoked: APP_DEAUTHORIZED at once and the stored tokens are deleted', async () => {
    const { user, id } = await connect('GOOGLE', 'Tokens Revoked');
    await h.invalidate(user.userId, 'APP_DEAUTHORIZED');
    const after = await row(id);
    expect(after).toMatchObject({ status: 'REVOKED', cause: 'APP_DEAUTHORIZED' });
    expect(await tokensOf(after.identity_id)).toEqual([{ access_token_ciphertext: '', refresh_token_ciphertext: null }]);
    expect(await eventTypes(id)).toContain('security_event');
  });

  it('Google account-disabled then account-enabled: disabled at once, and a recheck after the re-enable', async () => {
    const { user, id } = await connect('GOOGLE', 'Enabled Again');
    await h.invalidate(user.userId, 'ACCOUNT_DISABLED');
    expect(await row(id)).toMatchObject({ status: 'REVOKED', cause: 'ACCOUNT_DISABLED' });
    const checkedAt = async () =>
      ((await h.database.dataSource.query('SELECT last_checked_at FROM integrations WHERE id = $1', [id])) as Array<{ last_checked_at: Date | null }>)[0]!
        .last_checked_at;
    const before = await checkedAt();
    const delivery = await h.control<{ status: number }>(`/users/${user.userId}/risc`, { eventType: 'account-enabled' });
    expect(delivery.status).toBe(202);
    // The recheck ran (the grant itself stays dead until the person consents again).
    const after = await checkedAt();
    expect(after).toBeInstanceOf(Date);
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
    expect((await row(id)).status).toBe('REVOKED');
  });

  it('Google token-revoked names one refresh token (prefix or double hash): only its integrations break', async () => {
    const a = await connect('GOOGLE', 'Token Prefix');
    const b = await connect('GOOGLE', 'Token Hash');
    const bystander = await connect('GOOGLE', 'Bystander');
    const refreshOf = async (id: string) => {
      const rows: Array<{ credential_id: string }> = await h.database.dataSource.query('SELECT credential_id FROM integrations WHERE id = $1', [id]);
      return (await h.relink.services.credentials.load(rows[0]!.credential_id))!.refreshToken!;
    };
    const event = (token: string, alg: string, jti: string) =>
      applySecurityEvent(h.relink.services, {
        provider: 'GOOGLE',
        dedupeKey: `jti:${jti}`,
        actor: 'provider:google-risc',
        deleteTokens: true,
        result: {
          outcome: 'invalid',
          cause: 'APP_DEAUTHORIZED',
          eventType: RISC_EVENT_TYPES.tokenRevoked,
          occurredAt: new Date(),
          subject: { kind: 'google-token', tokenType: 'refresh_token', tokenIdentifierAlg: alg, token },
        },
      });
    const first = await event((await refreshOf(a.id)).slice(0, 16), 'prefix', 'token-1');
    expect(first.integrationIds).toEqual([a.id]);
    const inner = createHash('sha512').update(await refreshOf(b.id)).digest();
    const second = await event(createHash('sha512').update(inner).digest('base64'), 'hash_base64_sha512_sha512', 'token-2');
    expect(second.integrationIds).toEqual([b.id]);
    expect(await row(a.id)).toMatchObject({ status: 'REVOKED', cause: 'APP_DEAUTHORIZED' });
    expect(await row(b.id)).toMatchObject({ status: 'REVOKED', cause: 'APP_DEAUTHORIZED' });
    expect(await row(bystander.id)).toMatchObject({ status: 'HEALTHY' });
    expect(await tokensOf((await row(a.id)).identity_id)).toEqual([{ access_token_ciphertext: '', refresh_token_ciphertext: null }]);
    expect((await event('short', 'prefix', 'token-3')).integrationIds).toEqual([]);
  });

  it('Google credential-change-required is an advisory: recorded, no status change', async () => {
    const { user, id } = await connect('GOOGLE', 'Advised Person');
    const delivery = await h.control<{ status: number }>(`/users/${user.userId}/risc`, { eventType: 'account-credential-change-required' });
    expect(delivery.status).toBe(202);
    expect(await row(id)).toMatchObject({ status: 'HEALTHY', cause: null });
    expect(await eventTypes(id)).toContain('security_advisory');
  });

  it('Facebook data deletion: tokens deleted, the person forgotten, a confirmation code and status URL answered', async () => {
    const { user, id } = await connect('FACEBOOK', 'Forget Me');
    const result = await h.control<{ notice: { status: number; response: { url: string; confirmation_code: string } } }>(`/users/${user.userId}/data-deletion`, {});
    expect(result.notice.status).toBe(200);
    const { url, confirmation_code: code } = result.notice.response;
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    expect(url).toBe(`${h.base}/webhooks/facebook/data-deletion/${code}`);
    expect(await (await fetch(url)).json()).toMatchObject({ confirmation_code: code, status: 'completed' });
    const after = await row(id);
    expect(after).toMatchObject({ status: 'REVOKED', cause: 'APP_DEAUTHORIZED' });
    expect(await tokensOf(after.identity_id)).toEqual([{ access_token_ciphertext: '', refresh_token_ciphertext: null }]);
    const identity: Array<{ name: string; email: string | null }> = await h.database.dataSource.query('SELECT name, email FROM provider_identities WHERE id = $1', [
      after.identity_id,
    ]);
    expect(identity[0]).toEqual({ name: 'Deleted user', email: null });
  });

  it('a signed deauthorize for a user Relink does not know is acknowledged and changes nothing; an empty one is refused', async () => {
    const counts = async () => (await h.database.dataSource.query('SELECT count(*)::int AS n FROM integration_events')) as Array<{ n: number }>;
    const before = await counts();
    const part = Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), user_id: '999999999' })).toString('base64url');
    const signature = createHmac('sha256', h.config.facebook.clientSecret).update(part).digest('base64url');
    const res = await fetch(`${h.base}/webhooks/facebook/deauthorize`, { method: 'POST', body: new URLSearchParams({ signed_request: `${signature}.${part}` }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false, integrations: 0 });
    const empty = await fetch(`${h.base}/webhooks/facebook/deauthorize`, { method: 'POST', body: new URLSearchParams({ signed_request: '' }) });
    expect(empty.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
