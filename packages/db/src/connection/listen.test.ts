import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelinkDatabase } from '../relink-database.js';
import { createTestDatabase } from '../test-support/create-test-database.js';

const onPostgres = Boolean(process.env.RELINK_TEST_DATABASE_URL);
const channel = () => `relink_test_${randomBytes(4).toString('hex')}`;

/** Collects payloads; `next()` waits for the next one (or fails after `ms`). */
function inbox() {
  const received: string[] = [];
  const waiters: Array<(payload: string) => void> = [];
  return {
    received,
    push: (payload: string) => {
      received.push(payload);
      waiters.shift()?.(payload);
    },
    next: (ms = 5_000) =>
      new Promise<string>((resolve, reject) => {
        const waiter = (payload: string) => {
          clearTimeout(timer);
          resolve(payload);
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no notification within ${ms} ms`));
        }, ms);
        waiters.push(waiter);
      }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe(`listen on ${onPostgres ? 'postgres' : 'pglite'}`, () => {
  let db: RelinkDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('listen');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('delivers committed notifications, not rolled-back ones, and stops after unlisten', async () => {
    const name = channel();
    const box = inbox();
    const unlisten = await db.listen(name, box.push);

    const first = box.next();
    await db.executeSql(`SELECT pg_notify($1, $2)`, [name, 'hello']);
    expect(await first).toBe('hello');

    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_notify($1, $2)`, [name, 'rolled back']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const committed = box.next();
    await db.dataSource.transaction((manager) => manager.query(`SELECT pg_notify($1, $2)`, [name, 'committed']));
    expect(await committed).toBe('committed');
    expect(box.received).toEqual(['hello', 'committed']);

    await unlisten();
    await db.executeSql(`SELECT pg_notify($1, $2)`, [name, 'after unlisten']);
    await settle();
    expect(box.received).toEqual(['hello', 'committed']);
  });

  it('fans out to several listeners on one channel and keeps channels apart', async () => {
    const [a, b] = [channel(), channel()];
    const boxA1 = inbox();
    const boxA2 = inbox();
    const boxB = inbox();
    const stops = await Promise.all([db.listen(a, boxA1.push), db.listen(a, boxA2.push), db.listen(b, boxB.push)]);
    const waits = [boxA1.next(), boxA2.next()];
    await db.executeSql(`SELECT pg_notify($1, 'to a')`, [a]);
    expect(await Promise.all(waits)).toEqual(['to a', 'to a']);
    await settle();
    expect(boxB.received).toEqual([]);
    await stops[0]!();
    const stillA2 = boxA2.next();
    await db.executeSql(`SELECT pg_notify($1, 'again')`, [a]);
    expect(await stillA2).toBe('again');
    expect(boxA1.received).toEqual(['to a']);
    await Promise.all(stops.slice(1).map((stop) => stop()));
  });

  it.skipIf(!onPostgres)('reconnects and LISTENs again after the listener connection is killed (PostgreSQL only)', async () => {
    const name = channel();
    const box = inbox();
    const unlisten = await db.listen(name, box.push);
    const { rows } = await db.executeSql<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1`,
      [`relink-listen-${db.schema}`],
    );
    expect(rows.map((row) => row.killed)).toEqual([true]);
    // Keep notifying until the reconnected listener hears one.
    let heard: string | undefined;
    for (let attempt = 0; attempt < 40 && !heard; attempt += 1) {
      const next = box.next(250).catch(() => undefined);
      await db.executeSql(`SELECT pg_notify($1, $2)`, [name, `try ${attempt}`]);
      heard = await next;
    }
    expect(heard).toMatch(/^try \d+$/);
    await unlisten();
  });
});
