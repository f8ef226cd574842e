import { isCause, isOrderField, isProvider, isStatus, STATUSES, type IntegrationFilter, type IntegrationOrder } from '../api/types.js';

export const VIEWS = ['overview', 'integrations', 'integration', 'blast-radius', 'audit'] as const;
export type ViewName = (typeof VIEWS)[number];

/** Where the console is: the view, an id for the detail view, and the view's state (filters, page) from the hash query. */
export interface Route {
  view: ViewName;
  id: string | null;
  params: URLSearchParams;
}

/**
 * `#/integrations?status=REVOKED&q=acme` → `{ view: 'integrations', params }`, `#/integrations/<id>` → the
 * detail view. Everything the page needs to be rebuilt lives here, so a reload or a new sign-in lands on the same state.
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '').replace(/^\/+/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const [first = '', second = ''] = path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  const params = new URLSearchParams(query);
  if (first === 'integrations' && second) return { view: 'integration', id: second, params };
  if (first === 'integrations') return { view: 'integrations', id: null, params };
  if (first === 'blast-radius') return { view: 'blast-radius', id: null, params };
  if (first === 'audit') return { view: 'audit', id: null, params };
  return { view: 'overview', id: null, params };
}

/** The hash for a view; empty params are dropped so URLs stay short. */
export function routeHash(view: ViewName, params: URLSearchParams | Record<string, string | null | undefined> = {}, id?: string): string {
  const path = view === 'integration' ? `/integrations/${encodeURIComponent(id ?? '')}` : `/${view}`;
  const clean = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) if (value !== null && value !== undefined && value !== '') clean.set(key, value);
  const query = clean.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The integrations filter a hash query describes; unknown values are ignored (a stale link still opens). */
export function filterFromParams(params: URLSearchParams): IntegrationFilter {
  const filter: IntegrationFilter = {};
  const tenant = params.get('tenant');
  if (tenant) filter.tenantId = tenant;
  const provider = params.get('provider');
  if (isProvider(provider)) filter.provider = provider;
  const statuses = (params.get('status') ?? '').split(',').filter(isStatus);
  if (statuses.length) filter.status = statuses;
  const cause = params.get('cause');
  if (isCause(cause)) filter.cause = cause;
  const search = params.get('q')?.trim();
  if (search) filter.search = search;
  const identity = params.get('identity');
  if (identity) filter.identityId = identity;
  return filter;
}

/** The table's order from `sort` and `dir` (`ASC` unless `DESC`); null (the API's default, oldest first) when absent or unknown. */
export function orderFromParams(params: URLSearchParams): IntegrationOrder | null {
  const field = params.get('sort');
  if (!isOrderField(field)) return null;
  return { field, direction: params.get('dir') === 'DESC' ? 'DESC' : 'ASC' };
}

/** The `sort`/`dir` changes for an order; the default order (CREATED_AT ASC) clears both so URLs stay short. */
export function orderParams(order: IntegrationOrder): Record<'sort' | 'dir', string | null> {
  const isDefault = order.field === 'CREATED_AT' && order.direction === 'ASC';
  return { sort: isDefault ? null : order.field, dir: isDefault || order.direction === 'ASC' ? null : order.direction };
}

/** A copy of `params` with `changes` applied (null removes a key); the page cursor is dropped unless kept. */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>, keepPage = false): URLSearchParams {
  const next = new URLSearchParams(params);
  if (!keepPage) next.delete('after');
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/**
 * The integrations table filtered to what one person (provider identity) authorized and is not
 * disconnected: the integrations a blast-radius count counts.
 */
export function theirIntegrationsHash(identityId: string): string {
  return routeHash('integrations', { identity: identityId, status: STATUSES.filter((s) => s !== 'DISCONNECTED').join(',') });
}
