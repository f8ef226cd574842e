import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../create-database.js';
import { Tenant } from '../entities/tenant.entity.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { RelinkDatabase } from '../relink-database.js';
import { poolOf } from './pool-of.js';

// PGlite-specific traps; these run on PGlite whatever RELINK_TEST_DATABASE_URL says.
describe('PGlite behind one node-postgres connection', () => {
  let db: RelinkDatabase;
  beforeAll(async () => {
    db = await createDatabase({});
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lands all of 200 concurrent inserts made through the DataSource', async () => {
    const repository = db.dataSource.getRepository(Tenant);
    await Promise.all(Array.from({ length: 200 }, (_, i) => repository.save(repository.create({ name: `concurrent ${i}` }))));
    await Promise.all(Array.from({ length: 100 }, (_, i) => db.executeSql(`INSERT INTO tenants (name) VALUES ($1)`, [`raw ${i}`])));
    const { rows } = await db.executeSql<{ saved: string; raw: string }>(
      `SELECT count(*) FILTER (WHERE name LIKE 'concurrent %') AS saved, count(*) FILTER (WHERE name LIKE 'raw %') AS raw FROM tenants`,
    );
    expect(rows[0]).toEqual({ saved: '200', raw: '100' });
  });

  it('keeps working after failed statements (pg-pool replaces the client)', async () => {
    for (let i = 0; i < 3; i += 1) {
      await expect(db.executeSql(`INSERT INTO tenants (name) VALUES ('')`)).rejects.toThrow(/check constraint/);
      await expect(db.executeSql(`SELECT $1::int AS n`, [i])).resolves.toEqual({ rows: [{ n: i }] });
    }
    await expect(db.dataSource.query(`SELECT nope FROM tenants`)).rejects.toThrow(/nope/);
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it('rolls back a TypeORM transaction that throws, and the next one commits', async () => {
    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.insert(Tenant, { name: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await db.dataSource.transaction((manager) => manager.insert(Tenant, { name: 'committed' }));
    const { rows } = await db.executeSql<{ name: string }>(`SELECT name FROM tenants WHERE name IN ('rolled back', 'committed')`);
    expect(rows.map((row) => row.name)).toEqual(['committed']);
  });

  it('rolls back a transaction left open by a client that was thrown away', async () => {
    const client = await poolOf(db.dataSource).connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO tenants (name) VALUES ('orphan')`);
    client.release(new Error('connection broken'));
    const { rows } = await db.executeSql(`SELECT 1 FROM tenants WHERE name = 'orphan'`);
    expect(rows).toHaveLength(0);
    await db.executeSql(`INSERT INTO tenants (name) VALUES ('after orphan')`);
    const other = await db.executeSql(`SELECT 1 FROM tenants WHERE name = 'after orphan'`);
    expect(other.rows).toHaveLength(1);
  });
});

describe('PGlite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relink-db-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists across close and reopen, in the configured schema, without re-running migrations', async () => {
    const dataDir = join(dir, 'data');
    const first = await createDatabase({ dataDir, schema: 'relink' });
    expect(first.kind).toBe('pglite');
    await first.executeSql(`INSERT INTO tenants (name) VALUES ('survivor')`);
    await first.close();

    const second = await createDatabase({ dataDir, schema: 'relink' });
    try {
      const { rows } = await second.executeSql<{ table_schema: string }>(
        `SELECT table_schema FROM information_schema.tables WHERE table_name = 'tenants'`,
      );
      expect(rows.map((row) => row.table_schema)).toEqual(['relink']);
      expect((await second.executeSql(`SELECT name FROM tenants`)).rows).toEqual([{ name: 'survivor' }]);
      expect((await second.executeSql(`SELECT count(*)::int AS n FROM typeorm_migrations`)).rows).toEqual([{ n: MIGRATIONS.length }]);
    } finally {
      await second.close();
    }
  }, 180_000);
});
