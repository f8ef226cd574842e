import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelinkDatabase } from '../relink-database.js';
import { createTestDatabase } from '../test-support/create-test-database.js';

describe(`schema constraints on ${process.env.RELINK_TEST_DATABASE_URL ? 'postgres' : 'pglite'}`, () => {
  let db: RelinkDatabase;
  let tenantId: string;
  let seq = 0;

  const insertIntegration = async (values: Record<string, unknown> = {}): Promise<string> => {
    seq += 1;
    const row = { tenant_id: tenantId, provider: 'FACEBOOK', external_account_id: `act_${seq}`, name: `Account ${seq}`, ...values };
    const columns = Object.keys(row);
    const { rows } = await db.executeSql<{ id: string }>(
      `INSERT INTO integrations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(row),
    );
    return rows[0]!.id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('schema_constraints');
    const { rows } = await db.executeSql<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Acme') RETURNING id`);
    tenantId = rows[0]!.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  it('fills defaults: uuid id, HEALTHY, version 0, timestamps', async () => {
    const id = await insertIntegration();
    const { rows } = await db.executeSql(`SELECT * FROM integrations WHERE id = $1`, [id]);
    expect(rows[0]).toMatchObject({ status: 'HEALTHY', cause: null, status_version: 0, consecutive_transient_failures: 0 });
    expect(rows[0]?.created_at).toBeInstanceOf(Date);
  });

  it('refuses statuses, causes and providers that do not exist', async () => {
    await expect(insertIntegration({ status: 'BROKEN' })).rejects.toThrow(/check constraint/);
    await expect(insertIntegration({ status: 'healthy' })).rejects.toThrow(/check constraint/);
    await expect(insertIntegration({ status: 'REVOKED', cause: 'GREMLINS' })).rejects.toThrow(/check constraint/);
    await expect(insertIntegration({ provider: 'TIKTOK' })).rejects.toThrow(/check constraint/);
    await expect(insertIntegration({ status: 'REVOKED', cause: 'PASSWORD_CHANGED' })).resolves.toBeTypeOf('string');
  });

  it('keeps status and cause consistent', async () => {
    await expect(insertIntegration({ status: 'HEALTHY', cause: 'UNKNOWN' })).rejects.toThrow(/integrations_healthy_has_no_cause/);
    await expect(insertIntegration({ status: 'EXPIRED' })).rejects.toThrow(/integrations_invalid_has_cause/);
    await expect(insertIntegration({ status: 'DISCONNECTED', next_check_at: new Date() })).rejects.toThrow(/integrations_disconnected_not_scheduled/);
  });

  it('allows one integration per (tenant, provider, ad account)', async () => {
    await insertIntegration({ external_account_id: 'act_dup' });
    await expect(insertIntegration({ external_account_id: 'act_dup' })).rejects.toThrow(/integrations_tenant_provider_account_key/);
    await expect(insertIntegration({ external_account_id: 'act_dup', provider: 'GOOGLE' })).resolves.toBeTypeOf('string');
  });

  it('holds at most one open untracked window per integration', async () => {
    const integrationId = await insertIntegration();
    const open = (startedAt: string) =>
      db.executeSql(`INSERT INTO untracked_windows (integration_id, tenant_id, started_at, cause) VALUES ($1, $2, $3, 'PASSWORD_CHANGED') RETURNING id`, [integrationId, tenantId, startedAt]);
    const first = await open('2026-01-01T00:00:00Z');
    await expect(open('2026-01-02T00:00:00Z')).rejects.toThrow(/untracked_windows_one_open_idx/);
    await db.executeSql(`UPDATE untracked_windows SET ended_at = '2026-01-01T05:00:00Z' WHERE id = $1`, [first.rows[0]!.id]);
    await expect(open('2026-01-02T00:00:00Z')).resolves.toBeDefined();
    await expect(
      db.executeSql(`INSERT INTO untracked_windows (integration_id, tenant_id, started_at, ended_at) VALUES ($1, $2, '2026-02-02', '2026-02-01')`, [integrationId, tenantId]),
    ).rejects.toThrow(/untracked_windows_ends_after_start/);
  });

  it('keeps integration events append-only', async () => {
    const integrationId = await insertIntegration();
    const { rows } = await db.executeSql<{ id: string }>(
      `INSERT INTO integration_events (integration_id, tenant_id, type, status, detail) VALUES ($1, $2, 'checked', 'HEALTHY', $3) RETURNING id`,
      [integrationId, tenantId, JSON.stringify({ source: 'monitor' })],
    );
    await expect(db.executeSql(`UPDATE integration_events SET status = 'REVOKED' WHERE id = $1`, [rows[0]!.id])).rejects.toThrow(/append-only/);
    await expect(db.executeSql(`INSERT INTO integration_events (integration_id, tenant_id, type, status) VALUES ($1, $2, 'Bad Type', 'HEALTHY')`, [integrationId, tenantId])).rejects.toThrow(/check constraint/);
  });

  it('allows one live credential per (tenant, identity, provider)', async () => {
    const { rows } = await db.executeSql<{ id: string }>(`INSERT INTO provider_identities (provider, external_user_id, name) VALUES ('GOOGLE', 'u1', 'Ann') RETURNING id`);
    const identityId = rows[0]!.id;
    const insert = (version: number) =>
      db.executeSql<{ id: string }>(
        `INSERT INTO credentials (tenant_id, identity_id, provider, version, access_token_ciphertext, access_token_key_id) VALUES ($1, $2, 'GOOGLE', $3, 'x', 'k1') RETURNING id`,
        [tenantId, identityId, version],
      );
    const first = await insert(1);
    await expect(insert(2)).rejects.toThrow(/credentials_one_live_idx/);
    await db.executeSql(`UPDATE credentials SET revoked_at = now() WHERE id = $1`, [first.rows[0]!.id]);
    await expect(insert(2)).resolves.toBeDefined();
    await expect(db.executeSql(`INSERT INTO provider_identities (provider, external_user_id, name) VALUES ('GOOGLE', 'u1', 'Ann again')`)).rejects.toThrow(/provider_identities_provider_external_user_id_key/);
  });

  it('deduplicates security events and refuses bad ticket, session and delivery values', async () => {
    await db.executeSql(`INSERT INTO seen_security_events (provider, dedupe_key) VALUES ('GOOGLE', 'jti-1')`);
    await expect(db.executeSql(`INSERT INTO seen_security_events (provider, dedupe_key) VALUES ('GOOGLE', 'jti-1')`)).rejects.toThrow(/seen_security_events_provider_dedupe_key_key/);
    const hash = 'a'.repeat(64);
    await expect(
      db.executeSql(`INSERT INTO oauth_tickets (token_hash, tenant_id, provider, kind, actor, expires_at) VALUES ($1, $2, 'GOOGLE', 'reauthorize', 'staff', now())`, [hash, tenantId]),
    ).rejects.toThrow(/oauth_tickets_reauthorize_has_integration/);
    await expect(
      db.executeSql(`INSERT INTO oauth_tickets (token_hash, tenant_id, provider, kind, actor, expires_at) VALUES ($1, $2, 'GOOGLE', 'login', 'staff', now())`, [hash, tenantId]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.executeSql(`INSERT INTO widget_sessions (tenant_id, token_hash, allowed_origin, expires_at) VALUES ($1, $2, 'https://host.example/path', now())`, [tenantId, hash]),
    ).rejects.toThrow(/check constraint/);
    await expect(db.executeSql(`INSERT INTO audit_log (actor_kind, action) VALUES ('ROBOT', 'x')`)).rejects.toThrow(/check constraint/);
  });
});
