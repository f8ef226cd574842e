import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monitor's bookkeeping moves out of the integration row, which carries fifteen indexes (most of
 * them the admin console's sort orders): a write that changes an indexed column puts a new entry in
 * every one of them, while a write that changes none can be a heap-only (HOT) update that touches no
 * index at all. A check writes its result and next check time; the result columns are not indexed,
 * so with `next_check_at` unindexed there, and room left in each page (fillfactor), it is HOT.
 *
 * - `integration_schedule`: every integration's `next_check_at`, indexed for the claims; kept equal to
 *   `integrations.next_check_at` (which stays the one place anyone writes it) by a trigger.
 * - `integration_leases`: a worker's claim on an integration (claim id, until, whether a check was
 *   requested meanwhile); its primary key settles races between claims.
 *
 * Neither has a foreign key: a claim inserts a thousand leases at once and the schedule is written
 * by every check, where a referential check per row would cost more than the write; a row outliving
 * its integration is harmless, since claims reach both only through `integrations`.
 */
export class MonitorSchedule1795670000000 implements MigrationInterface {
  name = 'MonitorSchedule1795670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integration_leases (
        integration_id uuid PRIMARY KEY,
        lease uuid NOT NULL,
        until timestamptz NOT NULL,
        requested boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE TABLE integration_schedule (integration_id uuid PRIMARY KEY, next_check_at timestamptz)`);
    await q.query(`CREATE INDEX integration_schedule_due_idx ON integration_schedule (next_check_at) WHERE next_check_at IS NOT NULL`);
    await q.query(`CREATE INDEX integration_schedule_unscheduled_idx ON integration_schedule (integration_id) WHERE next_check_at IS NULL`);
    await q.query(`INSERT INTO integration_schedule (integration_id, next_check_at) SELECT id, next_check_at FROM integrations`);
    await q.query(`
      CREATE FUNCTION relink_copy_next_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO integration_schedule (integration_id, next_check_at) VALUES (NEW.id, NEW.next_check_at)
        ON CONFLICT (integration_id) DO UPDATE SET next_check_at = EXCLUDED.next_check_at;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER integrations_schedule_inserted AFTER INSERT ON integrations FOR EACH ROW EXECUTE FUNCTION relink_copy_next_check()`);
    await q.query(
      `CREATE TRIGGER integrations_schedule_updated AFTER UPDATE OF next_check_at ON integrations FOR EACH ROW
        WHEN (NEW.next_check_at IS DISTINCT FROM OLD.next_check_at) EXECUTE FUNCTION relink_copy_next_check()`,
    );
    await q.query(`DROP INDEX integrations_next_check_idx`);
    await q.query(`ALTER TABLE integrations SET (fillfactor = 85)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE integrations RESET (fillfactor)`);
    await q.query(`CREATE INDEX integrations_next_check_idx ON integrations (next_check_at) WHERE next_check_at IS NOT NULL`);
    await q.query(`DROP TRIGGER integrations_schedule_updated ON integrations`);
    await q.query(`DROP TRIGGER integrations_schedule_inserted ON integrations`);
    await q.query(`DROP FUNCTION relink_copy_next_check()`);
    await q.query(`DROP TABLE integration_schedule`);
    await q.query(`DROP TABLE integration_leases`);
  }
}
