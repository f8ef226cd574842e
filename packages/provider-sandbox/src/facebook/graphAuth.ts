import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import type { AccessTokenRecord, Grant, SandboxUser } from '../store.js';
import { getGrant } from '../users.js';
import { graphError } from './graphError.js';
import { facebookTokenProblem } from './tokenDeath.js';

/** One Graph API call, as the router or a batch item hands it over. */
export interface GraphRequest {
  method: string;
  /** After the version prefix, starting with `/`, e.g. `/me/adaccounts`. */
  path: string;
  query: Record<string, string>;
  /** From `access_token` or an `Authorization` header. */
  token?: string;
  /** The Graph version the caller used (for `paging.next`). */
  version: string;
  /** True when the token came in the query (so `paging.next` carries it too, as Facebook's does). */
  tokenInQuery: boolean;
}

export interface GraphCaller {
  record: AccessTokenRecord;
  grant: Grant;
  user: SandboxUser;
}

export function appsecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Checks `appsecret_proof` when one was sent (Facebook ignores its absence unless the app requires it). */
export function checkProof(ctx: SandboxContext, request: GraphRequest): ProviderResponse | undefined {
  const proof = request.query.appsecret_proof;
  if (proof === undefined || !request.token || !ctx.facebook) return undefined;
  if (sameText(proof.toLowerCase(), appsecretProof(request.token, ctx.facebook.appSecret))) return undefined;
  return graphError(ctx, { code: 100, type: 'GraphMethodException', message: 'Invalid appsecret_proof provided in the API argument' });
}

/** Resolves the user token of a Graph call, or the error Facebook would answer with. */
export function authenticateUser(ctx: SandboxContext, request: GraphRequest): GraphCaller | ProviderResponse {
  if (!request.token) {
    return graphError(ctx, { code: 2500, message: 'An active access token must be used to query information about the current user.' });
  }
  const proofError = checkProof(ctx, request);
  if (proofError) return proofError;
  const record = ctx.store.accessTokens.get(request.token);
  const grant = record ? getGrant(ctx, 'FACEBOOK', record.userId, record.clientId) : undefined;
  const problem = facebookTokenProblem(ctx, record, grant);
  if (problem || !record || !grant) {
    return graphError(ctx, { code: problem?.code ?? 190, subcode: problem?.subcode, message: problem?.message ?? 'Invalid OAuth access token.' });
  }
  const user = ctx.store.users.get(record.userId);
  if (!user) return graphError(ctx, { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  return { record, grant, user };
}

export function isCaller(value: GraphCaller | ProviderResponse): value is GraphCaller {
  return 'record' in value;
}
