import type { DataSource } from 'typeorm';

/** Where the database lives. With no `url` Relink runs on embedded PGlite. */
export interface DatabaseConfig {
  /** `postgres://…` → real PostgreSQL through node-postgres; absent → embedded PGlite. */
  url?: string;
  /** PGlite's folder (file-backed); absent → in-memory PGlite. Ignored when `url` is set. */
  dataDir?: string;
  /** PostgreSQL schema to use, created if missing. Defaults to `public`. */
  schema?: string;
  /** Log every SQL statement through TypeORM's logger. */
  logging?: boolean;
}

export type DatabaseKind = 'postgres' | 'pglite';

/** One row set, as node-postgres returns it. */
export interface SqlResult<Row = Record<string, unknown>> {
  rows: Row[];
}

/** Stops a LISTEN subscription. */
export type Unlisten = () => Promise<void>;

/** An open database: TypeORM DataSource with migrations run, plus the raw needs of the API. */
export interface RelinkDatabase {
  /** Initialized, migrations already run, `synchronize` off. */
  readonly dataSource: DataSource;
  readonly kind: DatabaseKind;
  /** The PostgreSQL schema every table lives in (`public` unless configured). */
  readonly schema: string;
  /**
   * Runs one statement through TypeORM's own pool (on PGlite: the one connection).
   * Shaped for pg-boss's `db.executeSql`. Never call it while holding a transaction's runner on PGlite.
   */
  executeSql<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel` (only committed ones).
   * PostgreSQL: one dedicated client that reconnects; PGlite: the instance's native listener.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>;
  /** Resolves when the database answers `SELECT 1` within ~2 s; throws otherwise. */
  ping(): Promise<void>;
  /** Closes listeners, the pool and (PGlite) the instance. Safe to call twice. */
  close(): Promise<void>;
}
