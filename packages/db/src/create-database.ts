import { openPgliteDatabase } from './connection/pglite-database.js';
import { openPostgresDatabase } from './connection/postgres-database.js';
import type { DatabaseConfig, RelinkDatabase } from './relink-database.js';

/**
 * Opens the database — real PostgreSQL when `url` is set, embedded PGlite otherwise —
 * and runs every pending migration (`synchronize` is never used).
 */
export async function createDatabase(config: DatabaseConfig): Promise<RelinkDatabase> {
  const schema = config.schema ?? 'public';
  const logging = config.logging ?? false;
  if (config.url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(config.url)) {
      throw new Error('Database URL must start with postgres:// or postgresql://');
    }
    return openPostgresDatabase(config.url, schema, logging);
  }
  return openPgliteDatabase(config.dataDir, schema, logging);
}
