import type { DataSource } from 'typeorm';
import type { SqlResult } from '../relink-database.js';
import { withTimeout } from '../with-timeout.js';
import { poolOf } from './pool-of.js';

export const PING_TIMEOUT_MS = 2_000;

/** One statement through TypeORM's pool: pg-boss's `executeSql` shape. */
export async function executeSqlOn<Row>(dataSource: DataSource, text: string, values?: unknown[]): Promise<SqlResult<Row>> {
  const result = await poolOf(dataSource).query(text, values);
  return { rows: result.rows as Row[] };
}

/** `SELECT 1` with a deadline; throws a plain message when the database does not answer. */
export async function pingDataSource(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) throw new Error('Database is closed');
  await withTimeout(poolOf(dataSource).query('SELECT 1'), PING_TIMEOUT_MS, `Database did not answer within ${PING_TIMEOUT_MS / 1000} s`);
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db` for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
