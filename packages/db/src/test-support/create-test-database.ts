import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../create-database.js';
import type { RelinkDatabase } from '../relink-database.js';

/** The variable that switches every database test from in-memory PGlite to real PostgreSQL. */
export const TEST_DATABASE_URL_VARIABLE = 'RELINK_TEST_DATABASE_URL';

/**
 * A fresh, migrated database for one test file.
 * With RELINK_TEST_DATABASE_URL: real PostgreSQL in a new schema `t_<name>_<random>`, dropped on close,
 * so files run in parallel; an unreachable URL throws (never a silent fallback).
 * Without it: a new in-memory PGlite (~3 s to start: share one per file).
 */
export async function createTestDatabase(name: string): Promise<RelinkDatabase> {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  if (!url) return createDatabase({});
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'test';
  const schema = `t_${slug}_${randomBytes(4).toString('hex')}`;
  let db: RelinkDatabase;
  try {
    db = await createDatabase({ url, schema });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${TEST_DATABASE_URL_VARIABLE} is set but the test database could not be opened: ${reason}`, { cause: error });
  }
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      await dropSchema(url, schema);
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
