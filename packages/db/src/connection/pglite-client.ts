import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';

/**
 * A node-postgres Client class whose every instance gets its OWN adapter connection to `pglite`.
 *
 * `createPgConfig(db)` hands every client the same connection object. pg-pool destroys a client after
 * any failed `pool.query` (e.g. a unique violation) and makes a new one; on the shared object the dead
 * client's late `end` event then reaches the new client ("Connection terminated unexpectedly") and the
 * protocol desynchronises. A fresh connection per client keeps them apart. The pool must still hold
 * at most one client: PGlite is a single backend session.
 */
export function pgliteClientClass(pglite: PGlite): typeof pg.Client {
  return class PgliteClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connection: new PglitePgConnection({ pglite }) } as pg.ClientConfig);
    }
  };
}

/**
 * pg-pool `onConnect` hook: a client destroyed mid-transaction leaves PGlite's single session inside
 * that transaction (a real server would abort it with the connection). Roll it back before the next
 * client runs anything.
 */
export function rollbackOrphanedTransaction(pglite: PGlite): (client: pg.ClientBase) => Promise<void> {
  return async (client) => {
    if (!pglite.closed && pglite.isInTransaction()) await client.query('ROLLBACK');
  };
}
