import { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import type { RelinkDatabase, Unlisten } from '../relink-database.js';
import { quoteSchemaName } from '../schema-name.js';
import { baseDataSourceOptions } from './data-source-options.js';
import { pgliteClientClass, rollbackOrphanedTransaction } from './pglite-client.js';
import { poolOf } from './pool-of.js';
import { executeSqlOn, pingDataSource } from './sql-helpers.js';

/**
 * Opens embedded PGlite (file-backed in `dataDir`, else in memory) behind TypeORM's node-postgres driver
 * with exactly ONE connection: a second connection over the same instance silently loses writes.
 */
export async function openPgliteDatabase(dataDir: string | undefined, schema: string, logging: boolean): Promise<RelinkDatabase> {
  const quoted = quoteSchemaName(schema);
  const pglite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  if (schema !== 'public') {
    // PGlite is one backend session: this search_path holds for the adapter's connection too.
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${quoted}; SET search_path TO ${quoted}`);
  }
  const dataSource = new DataSource({
    ...baseDataSourceOptions(schema, logging),
    poolSize: 1,
    // The node-postgres adapter, one fresh adapter connection per client (see pglite-client.ts), one client at a time.
    extra: { Client: pgliteClientClass(pglite), onConnect: rollbackOrphanedTransaction(pglite), max: 1, idleTimeoutMillis: 0 },
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => {});
    await pglite.close().catch(() => {});
    throw error;
  }

  /** Runs a native PGlite call while holding the one pooled connection, so no adapter transaction is open. */
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    const client = await poolOf(dataSource).connect();
    try {
      return await work();
    } finally {
      client.release();
    }
  };

  let closing: Promise<void> | undefined;
  return {
    dataSource,
    kind: 'pglite',
    schema,
    executeSql: (text, values) => executeSqlOn(dataSource, text, values),
    listen: async (channel, onPayload): Promise<Unlisten> => {
      if (closing) throw new Error('Database is closed: cannot LISTEN');
      const stop = await exclusive(() => pglite.listen(channel, onPayload));
      let stopped = false;
      return async () => {
        if (stopped || closing || pglite.closed) return;
        stopped = true;
        await exclusive(() => stop());
      };
    },
    ping: async () => {
      if (pglite.closed) throw new Error('Database is closed');
      await pingDataSource(dataSource);
    },
    close: () => {
      closing ??= (async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (!pglite.closed) await pglite.close();
      })();
      return closing;
    },
  };
}
