import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the staff-wide integrations list in every order the API offers (keyset paging over all
 * tenants: `ORDER BY <key>, id` and `(<key>, id) > ($1, $2)`, either direction by scanning backwards),
 * and for an integration's webhook notifications (deliveries whose payload names it, newest first).
 * `untracked_since` is partial: rows without one are listed last by id, through the primary key.
 * No schema prefix: search_path decides.
 */
export class ListOrderIndexes1795641450091 implements MigrationInterface {
  name = 'ListOrderIndexes1795641450091';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX integrations_created_id_idx ON integrations (created_at, id)`);
    await q.query(`CREATE INDEX integrations_lower_name_id_idx ON integrations (lower(name), id)`);
    await q.query(`CREATE INDEX integrations_status_changed_id_idx ON integrations (status_changed_at, id)`);
    await q.query(`CREATE INDEX integrations_untracked_since_id_idx ON integrations (untracked_since, id) WHERE untracked_since IS NOT NULL`);
    await q.query(
      `CREATE INDEX webhook_deliveries_integration_created_idx ON webhook_deliveries ((payload -> 'data' -> 'integration' ->> 'id'), created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'webhook_deliveries_integration_created_idx', 'integrations_untracked_since_id_idx', 'integrations_status_changed_id_idx',
      'integrations_lower_name_id_idx', 'integrations_created_id_idx',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
