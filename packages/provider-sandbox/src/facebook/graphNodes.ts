import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import type { AdAccount } from '../store.js';
import { parseFields, selectFields } from './fields.js';
import type { GraphCaller, GraphRequest } from './graphAuth.js';
import { graphError } from './graphError.js';

const USER_FIELDS = ['id', 'name', 'email', 'first_name', 'last_name', 'middle_name', 'short_name', 'name_format', 'picture'] as const;
const AD_ACCOUNT_FIELDS = ['id', 'account_id', 'name', 'account_status', 'currency', 'timezone_name', 'amount_spent', 'disable_reason'] as const;
export const ADS_SCOPES = ['ads_read', 'ads_management'];

export function ok(body: unknown): ProviderResponse {
  return { status: 200, body };
}

/** `GET /me` (or `/<user id>`): `name,id` by default; `email` only with the email permission. */
export function userNode(ctx: SandboxContext, request: GraphRequest, caller: GraphCaller): ProviderResponse {
  const { user, grant } = caller;
  const [first = user.name, ...rest] = user.name.split(/\s+/);
  const available: Record<string, unknown> = {
    id: user.userId,
    name: user.name,
    email: grant.scopes.has('email') ? user.email : undefined,
    first_name: first,
    last_name: rest.length ? rest[rest.length - 1] : undefined,
    middle_name: rest.length > 1 ? rest.slice(0, -1).join(' ') : undefined,
    short_name: first,
    name_format: '{first} {last}',
    picture: {
      data: { height: 50, is_silhouette: true, url: `${ctx.publicUrl}/facebook/picture/${user.userId}.png`, width: 50 },
    },
  };
  const picked = selectFields(ctx, 'User', parseFields(request.query.fields) ?? ['name', 'id'], available, USER_FIELDS);
  return 'error' in picked ? picked.error : ok(picked.value);
}

function adAccountView(account: AdAccount): Record<string, unknown> {
  return {
    id: account.id,
    account_id: account.accountId,
    name: account.name,
    account_status: 1,
    currency: 'USD',
    timezone_name: 'America/Los_Angeles',
    amount_spent: '0',
    disable_reason: 0,
  };
}

export function hasAdsPermission(caller: GraphCaller): boolean {
  return ADS_SCOPES.some((scope) => caller.grant.scopes.has(scope));
}

export function missingAdsPermission(ctx: SandboxContext): ProviderResponse {
  return graphError(ctx, { status: 403, code: 200, message: "(#200) The user hasn't authorized the application to perform this action" });
}

const DEFAULT_AD_ACCOUNT_FIELDS = ['id', 'account_id', 'name', 'account_status'];

/** `GET /me/adaccounts`: cursor-paged by `limit` / `after` / `before`. */
export function adAccountsEdge(ctx: SandboxContext, request: GraphRequest, caller: GraphCaller): ProviderResponse {
  if (!hasAdsPermission(caller)) return missingAdsPermission(ctx);
  const fields = parseFields(request.query.fields) ?? DEFAULT_AD_ACCOUNT_FIELDS;
  const limit = Math.min(Math.max(Number.parseInt(request.query.limit ?? '25', 10) || 25, 1), 100);
  const accounts = caller.user.adAccounts;
  const decode = (cursor: string | undefined) => (cursor ? Number.parseInt(Buffer.from(cursor, 'base64').toString('utf8'), 10) : NaN);
  const afterIndex = decode(request.query.after);
  const beforeIndex = decode(request.query.before);
  let start = Number.isNaN(afterIndex) ? 0 : afterIndex + 1;
  if (!Number.isNaN(beforeIndex)) start = Math.max(0, beforeIndex - limit);
  const end = Number.isNaN(beforeIndex) ? start + limit : beforeIndex;
  const page = accounts.slice(start, end);
  const data: Record<string, unknown>[] = [];
  for (const account of page) {
    const picked = selectFields(ctx, 'AdAccount', ['id', ...fields.filter((f) => f !== 'id')], adAccountView(account), AD_ACCOUNT_FIELDS);
    if ('error' in picked) return picked.error;
    data.push(picked.value);
  }
  if (data.length === 0) return ok({ data: [] });
  const cursor = (index: number) => Buffer.from(String(index)).toString('base64');
  const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + page.length - 1) } };
  if (start + page.length < accounts.length) {
    const next = new URL(`${ctx.publicUrl}/facebook/${request.version}/me/adaccounts`);
    if (request.tokenInQuery && request.token) next.searchParams.set('access_token', request.token);
    if (request.query.fields) next.searchParams.set('fields', request.query.fields);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('after', cursor(start + page.length - 1));
    paging.next = next.toString();
  }
  if (start > 0) {
    const previous = new URL(`${ctx.publicUrl}/facebook/${request.version}/me/adaccounts`);
    if (request.tokenInQuery && request.token) previous.searchParams.set('access_token', request.token);
    if (request.query.fields) previous.searchParams.set('fields', request.query.fields);
    previous.searchParams.set('limit', String(limit));
    previous.searchParams.set('before', cursor(start));
    paging.previous = previous.toString();
  }
  return ok({ data, paging });
}

/** `GET /act_<id>`: one ad account the caller can see. */
export function adAccountNode(ctx: SandboxContext, request: GraphRequest, caller: GraphCaller, id: string): ProviderResponse {
  const account = caller.user.adAccounts.find((a) => a.id === id);
  if (!account) return unsupportedGet(ctx, id);
  if (!hasAdsPermission(caller)) return missingAdsPermission(ctx);
  const fields = parseFields(request.query.fields) ?? ['id'];
  const picked = selectFields(ctx, 'AdAccount', fields, adAccountView(account), AD_ACCOUNT_FIELDS);
  return 'error' in picked ? picked.error : ok(picked.value);
}

/** `GET /me/permissions`: `{data:[{permission,status}]}`. */
export function permissionsEdge(caller: GraphCaller): ProviderResponse {
  const data = [
    ...[...caller.grant.scopes].map((permission) => ({ permission, status: 'granted' })),
    ...[...caller.grant.declined].map((permission) => ({ permission, status: 'declined' })),
  ];
  return ok({ data });
}

export function unsupportedGet(ctx: SandboxContext, id: string): ProviderResponse {
  return graphError(ctx, {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  });
}
