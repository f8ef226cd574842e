import { badInput } from './errors.js';
import { isUuid } from './ids.js';

/** A keyset position: creation time in microseconds since the epoch (exact, as PostgreSQL keeps it) and the row id. */
export interface Cursor {
  micros: string;
  id: string;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

/** One page of a Relay connection, as services return it. */
export interface Page<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  totalCount: number;
}

/** SQL for a column's exact microseconds since the epoch, as text. */
export const CURSOR_MICROS = (column: string): string => `((extract(epoch from ${column}) * 1000000)::bigint)::text`;

/** SQL turning the `:micros` parameter back into a timestamptz without losing a microsecond. */
export const CURSOR_TIME = `(timestamptz 'epoch' + CAST(CAST(:micros AS text) || ' microseconds' AS interval))`;

/** Opaque to clients: base64url of `<micros>:<id>`. */
export function encodeCursor(micros: string, id: string): string {
  return Buffer.from(`${micros}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): Cursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,20}):(.+)$/.exec(text);
  if (!match || !isUuid(match[2]!)) throw badInput(`"${cursor}" is not a cursor from this list: pass an endCursor or edge cursor you received.`, field);
  return { micros: match[1]!, id: match[2]! };
}

/** Checks a page size: 1..max. */
export function pageSize(first: number | null | undefined, fallback: number, max: number, field = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(`${field} must be between 1 and ${max}, got ${n}.`, field);
  return n;
}
