import type { DataSource, EntityManager } from 'typeorm';

export type SqlRow = Record<string, unknown>;

/**
 * Runs one statement and returns its rows. TypeORM answers UPDATE/DELETE on PostgreSQL with
 * `[rows, affectedCount]` and everything else with the rows; this evens that out.
 */
export async function sqlRows(runner: DataSource | EntityManager, text: string, params: unknown[] = []): Promise<SqlRow[]> {
  const result: unknown = await runner.query(text, params);
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as SqlRow[];
  return result as SqlRow[];
}
