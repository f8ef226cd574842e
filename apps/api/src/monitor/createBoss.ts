import PgBoss from 'pg-boss';
import type { RelinkDatabase } from '@relink/db';

/** pg-boss's schema for a Relink schema: `pgboss` next to `public`, `<schema>_pgboss` otherwise. */
export function bossSchemaFor(database: RelinkDatabase): string {
  return database.schema === 'public' ? 'pgboss' : `${database.schema}_pgboss`;
}

/**
 * A pg-boss instance over the database's own TypeORM pool (`db.executeSql`): on PGlite that is the one
 * connection, as it must be; on PostgreSQL it shares the pool rather than opening a second one.
 * No cron (the sweep has its own timer); maintenance (expiring, retrying, archiving) stays on.
 */
export function createBoss(database: RelinkDatabase, options: { schema?: string; pollingIntervalSeconds?: number } = {}): PgBoss {
  return new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => database.executeSql(text, values) },
    schema: options.schema ?? bossSchemaFor(database),
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: 30,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
  });
}
