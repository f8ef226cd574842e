import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitor's claims move out of `integrations.next_check_at` into a narrow table of their own.
 * A claim used to rewrite the integration row (a new row version, so an entry in each of its many
 * indexes) only to hide it from other workers; now it is one small row here, and the check's result
 * and next time are written to the integration once. Also an index for integrations nobody scheduled.
 */
export class IntegrationLeases1795670000000 implements MigrationInterface {
  name = 'IntegrationLeases1795670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integration_leases (
        integration_id uuid PRIMARY KEY REFERENCES integrations (id) ON DELETE CASCADE,
        lease uuid NOT NULL,
        until timestamptz NOT NULL,
        requested boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      `CREATE INDEX integrations_unscheduled_idx ON integrations (id)
        WHERE next_check_at IS NULL AND disconnected_at IS NULL AND status <> 'DISCONNECTED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX integrations_unscheduled_idx`);
    await q.query(`DROP TABLE integration_leases`);
  }
}
