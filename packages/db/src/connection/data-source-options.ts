import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../migrations/index.js';

/** What every Relink DataSource shares: entities, explicit migrations, never `synchronize`. */
export function baseDataSourceOptions(schema: string, logging: boolean) {
  return {
    type: 'postgres',
    schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built in; uuid-ossp is neither needed nor present in PGlite.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging,
  } satisfies Partial<DataSourceOptions> & { type: 'postgres' };
}
