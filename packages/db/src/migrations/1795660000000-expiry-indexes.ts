import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitor's clock (EXPIRING_SOON / EXPIRED) reads integrations by their earliest end,
 * `LEAST(token_expires_at, data_access_expires_at)`, every few seconds: without these it scans the
 * whole table each time. Two partial indexes, so each part of the question reads only its answers:
 * healthy ones whose end is inside the warning window, and warned/unreachable ones whose end passed.
 */
export class ExpiryIndexes1795660000000 implements MigrationInterface {
  name = 'ExpiryIndexes1795660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX integrations_healthy_ends_idx ON integrations ((LEAST(token_expires_at, data_access_expires_at)))
        WHERE status = 'HEALTHY' AND disconnected_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX integrations_warned_ends_idx ON integrations ((LEAST(token_expires_at, data_access_expires_at)))
        WHERE status IN ('EXPIRING_SOON', 'UNREACHABLE') AND disconnected_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX integrations_warned_ends_idx`);
    await q.query(`DROP INDEX integrations_healthy_ends_idx`);
  }
}
