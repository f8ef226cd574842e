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

const RETRYABLE = new Set(['40P01', '40001', '23505']);

/**
 * Creates a queue unless it exists. Workers starting at the same moment on several machines race
 * here: pg-boss's create_queue takes locks that can deadlock against each other (seen with two
 * workers on one PostgreSQL), so a deadlock, serialization failure or duplicate is retried.
 */
export async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue, attempts = 6): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await boss.getQueue(queue.name)) return;
    try {
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (1 + Math.random())));
    }
  }
}
