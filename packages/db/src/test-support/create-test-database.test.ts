import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../create-database.js';
import { createTestDatabase } from './create-test-database.js';

const requestedUrl = process.env.RELINK_TEST_DATABASE_URL;

describe('createTestDatabase', () => {
  afterEach(() => {
    if (requestedUrl === undefined) delete process.env.RELINK_TEST_DATABASE_URL;
    else process.env.RELINK_TEST_DATABASE_URL = requestedUrl;
  });

  // Fails (never skips) when RELINK_TEST_DATABASE_URL is set and that PostgreSQL is not reached.
  it(`gives ${requestedUrl ? 'real PostgreSQL in a fresh schema' : 'in-memory PGlite'}`, async () => {
    const db = await createTestDatabase('kind check');
    try {
      expect(db.kind).toBe(requestedUrl ? 'postgres' : 'pglite');
      if (requestedUrl) expect(db.schema).toMatch(/^t_kind_check_[0-9a-f]{8}$/);
      else expect(db.schema).toBe('public');
      await db.ping();
    } finally {
      await db.close();
    }
    if (requestedUrl) {
      const probe = new pg.Client({ connectionString: requestedUrl });
      await probe.connect();
      try {
        const { rows } = await probe.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [db.schema]);
        expect(rows).toHaveLength(0); // dropped on close
      } finally {
        await probe.end();
      }
    }
  }, 120_000);

  it('throws, naming the variable, when RELINK_TEST_DATABASE_URL points at nothing', async () => {
    process.env.RELINK_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/test';
    await expect(createTestDatabase('unreachable')).rejects.toThrow(/RELINK_TEST_DATABASE_URL.*Cannot connect to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/test/);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createDatabase({ url: 'postgres://postgres@127.0.0.1:1/test', schema: 'x; DROP TABLE y' })).rejects.toThrow(/Invalid database schema name/);
    await expect(createDatabase({ url: 'mysql://localhost/x' })).rejects.toThrow(/postgres:\/\//);
  });
});
