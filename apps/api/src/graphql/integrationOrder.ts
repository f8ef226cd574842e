import { CURSOR_MICROS, CURSOR_TIME, decodeCursor, encodeCursor } from './cursor.js';
import { badInput } from './errors.js';
import { isUuid } from './ids.js';

export const INTEGRATION_ORDER_FIELDS = ['CREATED_AT', 'NAME', 'STATUS_CHANGED_AT', 'UNTRACKED_SINCE'] as const;
export type IntegrationOrderField = (typeof INTEGRATION_ORDER_FIELDS)[number];

export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** How a list of integrations is sorted; ties are broken by id in the same direction. */
export interface IntegrationOrder {
  field: IntegrationOrderField;
  direction: OrderDirection;
}

/** Oldest first: what `integrations` did before it could be sorted. */
export const DEFAULT_INTEGRATION_ORDER: IntegrationOrder = { field: 'CREATED_AT', direction: 'ASC' };

/**
 * One sort key in SQL over the alias `i`: `expr` orders, `select` is what the cursor keeps (exact
 * microseconds for times, the lowered name for names) and `fromParam` turns the cursor's `:cursorKey`
 * back into a value comparable with `expr`. A nullable key lists rows without one last, by id, in
 * both directions.
 */
export interface SortKey {
  expr: string;
  select: string;
  fromParam: string;
  nullable: boolean;
  kind: 'time' | 'text';
}

const timeKey = (column: string, nullable: boolean): SortKey => ({
  expr: column,
  select: CURSOR_MICROS(column),
  fromParam: CURSOR_TIME.replace(':micros', ':cursorKey'),
  nullable,
  kind: 'time',
});

export const SORT_KEYS: Record<IntegrationOrderField, SortKey> = {
  CREATED_AT: timeKey('i.created_at', false),
  NAME: { expr: 'lower(i.name)', select: 'lower(i.name)', fromParam: 'CAST(:cursorKey AS text)', nullable: false, kind: 'text' },
  STATUS_CHANGED_AT: timeKey('i.status_changed_at', false),
  UNTRACKED_SINCE: timeKey('i.untracked_since', true),
};

/** A keyset position in one order: the row's sort key (null: the row has none) and its id. */
export interface OrderCursor {
  key: string | null;
  id: string;
}

const isDefault = (order: IntegrationOrder) => order.field === DEFAULT_INTEGRATION_ORDER.field && order.direction === DEFAULT_INTEGRATION_ORDER.direction;

const V1 = /^o1:([A-Z_]+):(ASC|DESC):([0-9a-f-]{36}):(?:(n)|v(.*))$/s;

/**
 * Opaque to clients. The default order keeps the original `<micros>:<id>` cursor (cursors handed out
 * before sorting existed stay valid); every other order writes `o1:<FIELD>:<DIRECTION>:<id>:n` (no key)
 * or `…:v<key>`, so a cursor can only continue the order it came from.
 */
export function encodeOrderCursor(order: IntegrationOrder, key: string | null, id: string): string {
  if (isDefault(order)) return encodeCursor(key ?? '', id);
  return Buffer.from(`o1:${order.field}:${order.direction}:${id}:${key === null ? 'n' : `v${key}`}`, 'utf8').toString('base64url');
}

function describe(order: IntegrationOrder): string {
  return `${order.field} ${order.direction}`;
}

export function decodeOrderCursor(order: IntegrationOrder, cursor: string, field = 'after'): OrderCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = V1.exec(text);
  if (!match) {
    if (!isDefault(order)) {
      decodeCursor(cursor, field); // a malformed cursor gets the usual message
      throw badInput(`"${cursor}" continues a list sorted by CREATED_AT ASC, not ${describe(order)}: pass a cursor from this order, or start again without ${field}.`, field);
    }
    const legacy = decodeCursor(cursor, field);
    return { key: legacy.micros, id: legacy.id };
  }
  const [, from, direction, id, none, key] = match;
  if (from !== order.field || direction !== order.direction) {
    throw badInput(`"${cursor}" continues a list sorted by ${from} ${direction}, not ${describe(order)}: pass a cursor from this order, or start again without ${field}.`, field);
  }
  const sortKey = SORT_KEYS[order.field];
  const valid = isUuid(id!) && (none ? sortKey.nullable : sortKey.kind === 'text' || /^-?\d{1,20}$/.test(key ?? ''));
  if (!valid) throw badInput(`"${cursor}" is not a cursor from this list: pass an endCursor or edge cursor you received.`, field);
  return { key: none ? null : key!, id: id! };
}
