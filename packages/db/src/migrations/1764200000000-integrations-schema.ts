import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CAUSES_1764200000000 as CAUSES, PROVIDERS_1764200000000 as PROVIDERS, STATUSES_1764200000000 as STATUSES, sqlList } from './sql-lists.js';

const provider = `CHECK (provider IN (${sqlList(PROVIDERS)}))`;
const status = (column: string) => `CHECK (${column} IN (${sqlList(STATUSES)}))`;
const cause = (column: string) => `CHECK (${column} IN (${sqlList(CAUSES)}))`;
const hex64 = (column: string) => `CHECK (${column} ~ '^[0-9a-f]{64}$')`;
const base = `
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * The integration model: provider identities, encrypted credentials, integrations with their status,
 * the append-only event history, untracked windows, OAuth tickets, widget sessions, the staff audit log,
 * outgoing webhooks and security-event deduplication. No schema prefix: search_path decides.
 */
export class IntegrationsSchema1764200000000 implements MigrationInterface {
  name = 'IntegrationsSchema1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION relink_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);

    await q.query(`
      CREATE TABLE provider_identities (${base},
        provider text NOT NULL ${provider},
        external_user_id text NOT NULL CHECK (external_user_id <> ''),
        name text NOT NULL,
        email text,
        CONSTRAINT provider_identities_provider_external_user_id_key UNIQUE (provider, external_user_id)
      )`);

    await q.query(`
      CREATE TABLE credentials (${base},
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        identity_id uuid NOT NULL REFERENCES provider_identities (id),
        provider text NOT NULL ${provider},
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        access_token_ciphertext text NOT NULL,
        access_token_key_id text NOT NULL,
        refresh_token_ciphertext text,
        refresh_token_key_id text,
        access_token_expires_at timestamptz,
        refresh_token_expires_at timestamptz,
        data_access_expires_at timestamptz,
        scopes text[] NOT NULL DEFAULT '{}',
        issued_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT credentials_refresh_token_pair CHECK ((refresh_token_ciphertext IS NULL) = (refresh_token_key_id IS NULL)),
        CONSTRAINT credentials_version_key UNIQUE (tenant_id, identity_id, provider, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX credentials_one_live_idx ON credentials (tenant_id, identity_id, provider) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX credentials_identity_id_idx ON credentials (identity_id)`);

    await q.query(`
      CREATE TABLE integrations (${base},
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        provider text NOT NULL ${provider},
        external_account_id text NOT NULL CHECK (external_account_id <> ''),
        name text NOT NULL,
        status text NOT NULL DEFAULT 'HEALTHY' ${status('status')},
        cause text ${cause('cause')},
        status_version integer NOT NULL DEFAULT 0 CHECK (status_version >= 0),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        token_expires_at timestamptz,
        data_access_expires_at timestamptz,
        last_checked_at timestamptz,
        untracked_since timestamptz,
        consecutive_transient_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_transient_failures >= 0),
        identity_id uuid REFERENCES provider_identities (id),
        credential_id uuid REFERENCES credentials (id) ON DELETE SET NULL,
        credential_version integer,
        next_check_at timestamptz,
        disconnected_at timestamptz,
        CONSTRAINT integrations_tenant_provider_account_key UNIQUE (tenant_id, provider, external_account_id),
        CONSTRAINT integrations_healthy_has_no_cause CHECK (status <> 'HEALTHY' OR cause IS NULL),
        CONSTRAINT integrations_invalid_has_cause CHECK (status NOT IN ('EXPIRED', 'REVOKED') OR cause IS NOT NULL),
        CONSTRAINT integrations_disconnected_not_scheduled CHECK (status <> 'DISCONNECTED' OR next_check_at IS NULL)
      )`);
    // Tenant status list: WHERE tenant_id = $1 AND status = ANY($2) ORDER BY created_at, id (keyset paging).
    await q.query(`CREATE INDEX integrations_tenant_status_idx ON integrations (tenant_id, status, created_at, id)`);
    await q.query(`CREATE INDEX integrations_tenant_created_idx ON integrations (tenant_id, created_at, id)`);
    // Monitor: WHERE next_check_at <= now() ORDER BY next_check_at (disconnected rows have no next_check_at).
    await q.query(`CREATE INDEX integrations_next_check_idx ON integrations (next_check_at) WHERE next_check_at IS NOT NULL`);
    await q.query(`CREATE INDEX integrations_identity_id_idx ON integrations (identity_id)`);
    await q.query(`CREATE INDEX integrations_credential_id_idx ON integrations (credential_id)`);
    // Search by prefix: lower(name) LIKE 'abc%', external_account_id LIKE '123%'.
    await q.query(`CREATE INDEX integrations_tenant_name_idx ON integrations (tenant_id, lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX integrations_name_idx ON integrations (lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX integrations_external_account_id_idx ON integrations (external_account_id text_pattern_ops)`);

    await q.query(`
      CREATE TABLE integration_events (${base},
        integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_.]{0,63}$'),
        status text NOT NULL ${status('status')},
        cause text ${cause('cause')},
        actor text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX integration_events_integration_at_idx ON integration_events (integration_id, at DESC)`);
    await q.query(`CREATE INDEX integration_events_tenant_at_idx ON integration_events (tenant_id, at DESC)`);
    await q.query(`CREATE TRIGGER integration_events_append_only BEFORE UPDATE ON integration_events FOR EACH ROW EXECUTE FUNCTION relink_refuse_update()`);

    await q.query(`
      CREATE TABLE untracked_windows (${base},
        integration_id uuid NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        cause text ${cause('cause')},
        CONSTRAINT untracked_windows_ends_after_start CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX untracked_windows_one_open_idx ON untracked_windows (integration_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX untracked_windows_integration_started_idx ON untracked_windows (integration_id, started_at)`);
    await q.query(`CREATE INDEX untracked_windows_tenant_started_idx ON untracked_windows (tenant_id, started_at)`);

    await q.query(`
      CREATE TABLE oauth_tickets (${base},
        token_hash text NOT NULL CONSTRAINT oauth_tickets_token_hash_key UNIQUE ${hex64('token_hash')},
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        provider text NOT NULL ${provider},
        kind text NOT NULL CHECK (kind IN ('connect', 'reauthorize')),
        integration_id uuid REFERENCES integrations (id) ON DELETE CASCADE,
        identity_id uuid REFERENCES provider_identities (id),
        return_to text,
        opener_origin text,
        actor text NOT NULL,
        auth_type text,
        pkce_verifier_ciphertext text,
        pkce_verifier_key_id text,
        state_hash text CONSTRAINT oauth_tickets_state_hash_key UNIQUE ${hex64('state_hash')},
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT oauth_tickets_reauthorize_has_integration CHECK (kind <> 'reauthorize' OR integration_id IS NOT NULL),
        CONSTRAINT oauth_tickets_pkce_pair CHECK ((pkce_verifier_ciphertext IS NULL) = (pkce_verifier_key_id IS NULL))
      )`);
    await q.query(`CREATE INDEX oauth_tickets_expires_at_idx ON oauth_tickets (expires_at)`);

    await q.query(`
      CREATE TABLE widget_sessions (${base},
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        token_hash text NOT NULL CONSTRAINT widget_sessions_token_hash_key UNIQUE ${hex64('token_hash')},
        allowed_origin text NOT NULL CHECK (allowed_origin ~ '^https?://[^/]+$'),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX widget_sessions_tenant_id_idx ON widget_sessions (tenant_id)`);

    await q.query(`
      CREATE TABLE audit_log (${base},
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('STAFF', 'TENANT', 'WIDGET', 'SYSTEM')),
        actor_id text,
        actor_name text,
        tenant_id uuid,
        action text NOT NULL CHECK (action <> ''),
        target_type text,
        target_id text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC)`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION relink_refuse_update()`);

    await q.query(`
      CREATE TABLE webhook_endpoints (${base},
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        url text NOT NULL CHECK (url ~ '^https?://'),
        secret_ciphertext text NOT NULL,
        secret_key_id text NOT NULL,
        disabled_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_tenant_id_idx ON webhook_endpoints (tenant_id)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (${base},
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        webhook_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_status_code integer,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        CONSTRAINT webhook_deliveries_endpoint_webhook_id_key UNIQUE (endpoint_id, webhook_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_created_idx ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE seen_security_events (${base},
        provider text NOT NULL ${provider},
        dedupe_key text NOT NULL CHECK (dedupe_key <> ''),
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT seen_security_events_provider_dedupe_key_key UNIQUE (provider, dedupe_key)
      )`);
    await q.query(`CREATE INDEX seen_security_events_received_at_idx ON seen_security_events (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'seen_security_events', 'webhook_deliveries', 'webhook_endpoints', 'audit_log', 'widget_sessions',
      'oauth_tickets', 'untracked_windows', 'integration_events', 'integrations', 'credentials', 'provider_identities',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION relink_refuse_update()`);
  }
}
