import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import type { RelinkDatabase } from './relink-database.js';
import { createTestDatabase } from './test-support/create-test-database.js';

const expectedKind = process.env.RELINK_TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function tableNames(db: RelinkDatabase): Promise<string[]> {
  const { rows } = await db.executeSql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [db.schema],
  );
  return rows.map((row) => row.table_name);
}

describe(`createDatabase on ${expectedKind}`, () => {
  let db: RelinkDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('create_database');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('opens the requested kind of database', () => {
    expect(db.kind).toBe(expectedKind);
    expect(db.dataSource.isInitialized).toBe(true);
    expect(db.dataSource.options.synchronize).toBe(false);
  });

  it('has run every migration, in order, into its own schema', async () => {
    const { rows } = await db.executeSql<{ name: string }>(`SELECT name FROM typeorm_migrations ORDER BY id`);
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['tenants', 'api_keys', 'staff_users', 'typeorm_migrations']));
    expect(await db.dataSource.showMigrations()).toBe(false);
  });

  it('runs parameterised SQL through executeSql', async () => {
    const { rows } = await db.executeSql<{ id: string; name: string }>(
      `INSERT INTO tenants (name) VALUES ($1) RETURNING id, name`,
      ['Acme'],
    );
    expect(rows[0]?.name).toBe('Acme');
    expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('reverts every migration with down and re-applies them', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableNames(db)).toEqual(['typeorm_migrations']);
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tableNames(db)).toContain('tenants');
  });

  it('ping throws once closed, and close is idempotent', async () => {
    const other = await createTestDatabase('closing');
    await other.close();
    await other.close();
    await expect(other.ping()).rejects.toThrow(/closed/i);
  }, 120_000);
});
