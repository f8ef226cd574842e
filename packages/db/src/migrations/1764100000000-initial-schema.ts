import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: tenants, their API keys (hashed), support staff.
 * No schema prefix anywhere: the connection's search_path decides where tables go.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX tenants_created_at_id_idx ON tenants (created_at, id)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL CHECK (length(prefix) BETWEEN 4 AND 32),
        key_hash text NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id)`);

    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name text NOT NULL,
        email text NOT NULL,
        token_hash text NOT NULL CONSTRAINT staff_users_token_hash_key UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        disabled_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_users`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE tenants`);
  }
}
