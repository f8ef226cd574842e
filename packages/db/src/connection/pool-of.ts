import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** TypeORM's own node-postgres pool behind a DataSource (`driver.master`). */
export function poolOf(dataSource: DataSource): Pool {
  const master: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
  if (typeof master !== 'object' || master === null || typeof (master as Pool).query !== 'function') {
    throw new Error('The DataSource has no node-postgres pool: is it initialized?');
  }
  return master as Pool;
}
