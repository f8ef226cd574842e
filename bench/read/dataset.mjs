// Builds (or reuses) the read benchmark's dataset in its own PostgreSQL schema: tenants, provider
// identities, integrations in every status, and one API key per tenant (`apiKeyFor(n)`).
import { apiRequire, importBuilt } from './workspace.mjs';

const pg = apiRequire('pg');

/** Dataset version: bump when the generated rows change so old schemas are rebuilt. */
const DATASET_VERSION = 3;

/** Tenant n's API key (n = 0 … tenants-1); the dataset stores only its sha256, as the API does. */
export const apiKeyFor = (n) => `rlk_live_bench${String(n).padStart(7, '0')}`;

export const schemaFor = (integrations) => `bench_read_${integrations}`;

const REVOKED_CAUSES = ['PASSWORD_CHANGED', 'PERMISSIONS_CHANGED', 'APP_DEAUTHORIZED', 'SESSION_INVALIDATED', 'SECURITY_CHECKPOINT'];
const EXPIRED_CAUSES = ['TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED'];
const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/**
 * Makes sure schema `bench_read_<integrations>` holds `tenants` tenants with `integrations / tenants`
 * integrations each (about 65 % HEALTHY, the rest EXPIRING_SOON, REVOKED, EXPIRED, UNREACHABLE,
 * DISCONNECTED), reusing it when it already matches. Returns `{ schema, tenants, integrations, built }`.
 */
export async function ensureDataset({ url, tenants, integrations, log = () => {} }) {
  if (integrations % tenants !== 0) throw new Error(`integrations (${integrations}) must be a multiple of tenants (${tenants})`);
  const perTenant = integrations / tenants;
  const schema = schemaFor(integrations);
  const client = new pg.Client({ connectionString: url, application_name: 'relink-bench-dataset' });
  await client.connect();
  try {
    const marker = await client
      .query(`SELECT tenants, integrations, version FROM "${schema}".bench_dataset`)
      .then((r) => r.rows[0])
      .catch(() => undefined);
    if (marker && marker.tenants === tenants && marker.integrations === integrations && marker.version === DATASET_VERSION) {
      return { schema, tenants, integrations, built: false };
    }
    log(`building ${integrations} integrations over ${tenants} tenants in schema ${schema}`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }

  // The schema and its tables come from the real migrations.
  const { createDatabase } = await importBuilt('packages/db/dist/index.js');
  const database = await createDatabase({ url, schema });
  await database.close();

  const c = new pg.Client({ connectionString: url, application_name: 'relink-bench-dataset', options: `-c search_path="${schema}"` });
  await c.connect();
  try {
    const started = Date.now();
    await c.query('SET synchronous_commit = off');
    await c.query(`CREATE TABLE bench_tenants (n integer PRIMARY KEY, tenant_id uuid NOT NULL)`);
    await c.query(`CREATE TABLE bench_dataset (tenants integer NOT NULL, integrations integer NOT NULL, version integer NOT NULL)`);
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO bench_tenants (n, tenant_id) SELECT n, gen_random_uuid() FROM generate_series(0, $1 - 1) AS n`,
      [tenants],
    );
    await c.query(
      `INSERT INTO tenants (id, name, created_at) SELECT tenant_id, 'Bench tenant ' || n, now() - interval '1 year' + n * interval '1 second' FROM bench_tenants`,
    );
    await c.query(
      `INSERT INTO api_keys (tenant_id, name, prefix, key_hash, last_used_at)
       SELECT tenant_id, 'bench', left(k, 13), encode(sha256(convert_to(k, 'UTF8')), 'hex'), now()
       FROM (SELECT tenant_id, 'rlk_live_bench' || lpad(n::text, 7, '0') AS k FROM bench_tenants) s`,
    );
    await c.query(
      `INSERT INTO provider_identities (provider, external_user_id, name, email)
       SELECT p, p || '-user-' || n, 'Person ' || n || CASE p WHEN 'FACEBOOK' THEN ' (Facebook)' ELSE ' (Google)' END, 'person' || n || '@example.com'
       FROM bench_tenants CROSS JOIN (VALUES ('FACEBOOK'), ('GOOGLE')) AS v(p)`,
    );
    // One integration per (tenant, i); status picked by a fixed hash so every tenant has a mix.
    await c.query(
      `INSERT INTO integrations (tenant_id, provider, external_account_id, name, status, cause, status_version, status_changed_at,
         token_expires_at, data_access_expires_at, last_checked_at, untracked_since, identity_id, next_check_at, disconnected_at, created_at)
       SELECT t.tenant_id, s.provider,
         CASE s.provider WHEN 'FACEBOOK' THEN 'act_' || (t.n::bigint * 1000 + g.i) ELSE (1000000000 + t.n::bigint * 1000 + g.i)::text END,
         CASE s.provider WHEN 'FACEBOOK' THEN 'Ads account ' ELSE 'Google Ads ' END || t.n || '-' || g.i,
         s.status,
         CASE s.status
           WHEN 'REVOKED' THEN (${sqlArray(REVOKED_CAUSES)})[1 + (t.n + g.i) % ${REVOKED_CAUSES.length}]
           WHEN 'EXPIRED' THEN (${sqlArray(EXPIRED_CAUSES)})[1 + (t.n + g.i) % ${EXPIRED_CAUSES.length}]
         END,
         CASE s.status WHEN 'HEALTHY' THEN 1 ELSE 2 END,
         now() - ((t.n + g.i) % 500) * interval '1 hour',
         CASE WHEN s.status IN ('HEALTHY', 'EXPIRING_SOON', 'UNREACHABLE') THEN now() + (1 + (t.n + g.i) % 59) * interval '1 day' END,
         CASE WHEN s.provider = 'FACEBOOK' AND s.status <> 'DISCONNECTED' THEN now() + interval '80 days' END,
         now() - ((t.n * 7 + g.i) % 1440) * interval '1 minute',
         CASE WHEN s.status IN ('REVOKED', 'EXPIRED') THEN now() - ((t.n + g.i) % 500) * interval '1 hour' END,
         p.id,
         CASE WHEN s.status <> 'DISCONNECTED' THEN now() + ((t.n + g.i) % 1440) * interval '1 minute' END,
         CASE WHEN s.status = 'DISCONNECTED' THEN now() - interval '3 days' END,
         now() - interval '300 days' + t.n * interval '1 second' + g.i * interval '1 millisecond'
       FROM bench_tenants t
       CROSS JOIN generate_series(0, $1 - 1) AS g(i)
       CROSS JOIN LATERAL (SELECT
         CASE WHEN g.i % 2 = 0 THEN 'FACEBOOK' ELSE 'GOOGLE' END AS provider,
         CASE (t.n * 7 + g.i * 13) % 20
           WHEN 13 THEN 'EXPIRING_SOON' WHEN 14 THEN 'EXPIRING_SOON'
           WHEN 15 THEN 'REVOKED' WHEN 16 THEN 'REVOKED' WHEN 17 THEN 'EXPIRED'
           WHEN 18 THEN 'UNREACHABLE' WHEN 19 THEN 'DISCONNECTED' ELSE 'HEALTHY' END AS status) s
       JOIN provider_identities p ON p.provider = s.provider AND p.external_user_id = s.provider || '-user-' || t.n`,
      [perTenant],
    );
    await c.query(
      `INSERT INTO untracked_windows (integration_id, tenant_id, started_at, ended_at, cause)
       SELECT id, tenant_id, untracked_since, NULL, cause FROM integrations WHERE untracked_since IS NOT NULL`,
    );
    await c.query('INSERT INTO bench_dataset VALUES ($1, $2, $3)', [tenants, integrations, DATASET_VERSION]);
    await c.query('COMMIT');
    // Visibility map and statistics, as a long-running database would have them.
    await c.query('VACUUM (ANALYZE) tenants, api_keys, provider_identities, integrations, untracked_windows');
    log(`dataset built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    await c.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await c.end();
  }
  return { schema, tenants, integrations, built: true };
}

/** Marks every bench key as used just now, as steady traffic would (the API records use at most once a minute). */
export async function touchApiKeys(url, schema) {
  const c = new pg.Client({ connectionString: url, application_name: 'relink-bench-dataset' });
  await c.connect();
  try {
    await c.query(`UPDATE "${schema}".api_keys SET last_used_at = now()`);
  } finally {
    await c.end();
  }
}
