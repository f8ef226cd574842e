import type { RelinkDatabase, SqlResult } from '@relink/db';

interface NamedQueryPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

function namedQueryPool(database: RelinkDatabase): NamedQueryPool | undefined {
  if (database.kind !== 'postgres') return undefined;
  const master: unknown = (database.dataSource.driver as unknown as { master?: unknown }).master;
  return typeof master === 'object' && master !== null && typeof (master as NamedQueryPool).query === 'function' ? (master as NamedQueryPool) : undefined;
}

/**
 * Runs a hot read statement through TypeORM's own pool. On PostgreSQL it is a named prepared
 * statement (parsed and planned once per connection); on PGlite a plain one.
 */
export async function preparedQuery<Row>(database: RelinkDatabase, name: string, text: string, values: unknown[]): Promise<SqlResult<Row>> {
  const pool = namedQueryPool(database);
  if (!pool) return database.executeSql<Row>(text, values);
  const result = await pool.query({ name, text, values });
  return { rows: result.rows as Row[] };
}
