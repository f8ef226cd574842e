import pg from 'pg';
import { DataSource } from 'typeorm';
import type { RelinkDatabase } from '../relink-database.js';
import { quoteSchemaName } from '../schema-name.js';
import { baseDataSourceOptions } from './data-source-options.js';
import { PostgresListener } from './postgres-listener.js';
import { executeSqlOn, pingDataSource, redactUrl } from './sql-helpers.js';

const CONNECT_TIMEOUT_MS = 5_000;

/** Opens real PostgreSQL at `url`, creating `schema` if missing, and runs the migrations. */
export async function openPostgresDatabase(url: string, schema: string, logging: boolean): Promise<RelinkDatabase> {
  const quoted = quoteSchemaName(schema);
  try {
    if (schema !== 'public') await createSchema(url, quoted);
  } catch (error) {
    throw unreachable(url, error);
  }
  const dataSource = new DataSource({
    ...baseDataSourceOptions(schema, logging),
    url,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    applicationName: 'relink',
    // Every pooled connection starts with the schema first, so unqualified SQL (migrations, pg-boss) lands there.
    extra: { options: `-c search_path=${quoted}` },
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw unreachable(url, error);
  }
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => {});
    throw error;
  }
  const listener = new PostgresListener(url, `relink-listen-${schema}`, (error) => console.warn(`[relink/db] ${error.message}`));
  let closing: Promise<void> | undefined;
  return {
    dataSource,
    kind: 'postgres',
    schema,
    executeSql: (text, values) => executeSqlOn(dataSource, text, values),
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    ping: () => pingDataSource(dataSource),
    close: () => {
      closing ??= (async () => {
        await listener.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      })();
      return closing;
    },
  };
}

async function createSchema(url: string, quoted: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  } finally {
    await client.end();
  }
}

function unreachable(url: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause: error });
}
