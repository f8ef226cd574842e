import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { GOOGLE_CAUSES, type GoogleCause } from '../causes.js';
import type { SandboxContext } from '../context.js';
import { params, type ProviderResponse } from '../shared/http.js';
import type { AuthCodeRecord, RefreshTokenRecord } from '../store.js';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, issueRefreshToken, signIdToken } from './issueTokens.js';
import { settleRefreshToken } from './tokenState.js';

export const GOOGLE_CODE_LIFETIME_MS = 10 * 60 * 1000;

export const oauthError = (status: number, error: string, description: string, extra: Record<string, string> = {}): ProviderResponse => ({
  status,
  body: { error, error_description: description, ...extra },
  headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' },
});

/** Client credentials from the form or HTTP Basic, as Google accepts both. */
function clientCredentials(req: Request, p: Record<string, string>): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: p.client_id, secret: p.client_secret };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `POST /token`: `authorization_code` and `refresh_token` grants, Google's error bodies. */
export async function tokenEndpoint(ctx: SandboxContext, req: Request): Promise<ProviderResponse> {
  const p = params(req);
  const client = ctx.google;
  const creds = clientCredentials(req, p);
  if (!p.grant_type) return oauthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
  if (!creds.id || !client || creds.id !== client.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (!creds.secret || !sameText(creds.secret, client.clientSecret)) return oauthError(401, 'invalid_client', 'Unauthorized');
  if (p.grant_type === 'authorization_code') return exchangeCode(ctx, p);
  if (p.grant_type === 'refresh_token') return refresh(ctx, p);
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${p.grant_type}`);
}

function pkceMatches(record: AuthCodeRecord, verifier: string): boolean {
  const computed = record.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  return sameText(computed, record.codeChallenge ?? '');
}

async function exchangeCode(ctx: SandboxContext, p: Record<string, string>): Promise<ProviderResponse> {
  const clientId = ctx.google?.clientId ?? '';
  if (!p.code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
  if (!p.code.startsWith('4/')) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
  const record = ctx.store.codes.get(p.code);
  const now = ctx.clock.now();
  if (!record || record.provider !== 'GOOGLE' || record.clientId !== clientId || record.usedAt) {
    return oauthError(400, 'invalid_grant', 'Bad Request');
  }
  if (now.getTime() - record.createdAt.getTime() > GOOGLE_CODE_LIFETIME_MS) return oauthError(400, 'invalid_grant', 'Bad Request');
  if (!p.redirect_uri) return oauthError(400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (p.redirect_uri !== record.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  if (record.codeChallenge) {
    if (!p.code_verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (!pkceMatches(record, p.code_verifier)) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
  }
  record.usedAt = now;
  const user = ctx.store.users.get(record.userId);
  if (!user) return oauthError(400, 'invalid_grant', 'Bad Request');
  const refreshRecord = record.issueRefreshToken ? issueRefreshToken(ctx, user, clientId, record.scopes) : undefined;
  const access = issueAccessToken(ctx, user, clientId, record.scopes, record.accessType, refreshRecord?.token);
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: ACCESS_TOKEN_SECONDS,
    ...(refreshRecord ? { refresh_token: refreshRecord.token } : {}),
    ...(refreshRecord?.expiresAt ? { refresh_token_expires_in: Math.round((refreshRecord.expiresAt.getTime() - now.getTime()) / 1000) } : {}),
    scope: record.scopes.join(' '),
    token_type: 'Bearer',
  };
  if (record.scopes.includes('openid')) body.id_token = await signIdToken(ctx, user, clientId, record.scopes, access.token, record.nonce);
  return { status: 200, body, headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' } };
}

/** The answer to a refresh with a dead refresh token, per cause. */
export function deadRefreshAnswer(record: RefreshTokenRecord): ProviderResponse {
  const behaviour = record.dead ? GOOGLE_CAUSES[record.dead.cause as GoogleCause] : undefined;
  if (behaviour?.refresh === 'invalid_rapt') {
    return oauthError(400, 'invalid_grant', 'reauth related error (invalid_rapt)', {
      error_uri: 'https://support.google.com/a/answer/9368756',
      error_subtype: 'invalid_rapt',
    });
  }
  if (behaviour?.refresh === 'admin_policy_enforced') {
    return oauthError(400, 'admin_policy_enforced', 'Access to this app has been restricted by your Google Workspace administrator.');
  }
  return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
}

async function refresh(ctx: SandboxContext, p: Record<string, string>): Promise<ProviderResponse> {
  const clientId = ctx.google?.clientId ?? '';
  if (!p.refresh_token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
  const record = ctx.store.refreshTokens.get(p.refresh_token);
  if (!record) {
    return p.refresh_token.startsWith('1//')
      ? oauthError(400, 'invalid_grant', 'Token has been expired or revoked.')
      : oauthError(400, 'invalid_grant', 'Bad Request');
  }
  if (record.clientId !== clientId) return oauthError(400, 'unauthorized_client', 'Unauthorized');
  settleRefreshToken(ctx, record);
  if (record.dead) return deadRefreshAnswer(record);
  const user = ctx.store.users.get(record.userId);
  if (!user) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
  const now = ctx.clock.now();
  record.lastUsedAt = now;
  const access = issueAccessToken(ctx, user, clientId, record.scopes, 'offline', record.token);
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: ACCESS_TOKEN_SECONDS,
    ...(record.expiresAt ? { refresh_token_expires_in: Math.round((record.expiresAt.getTime() - now.getTime()) / 1000) } : {}),
    scope: record.scopes.join(' '),
    token_type: 'Bearer',
  };
  if (record.scopes.includes('openid')) body.id_token = await signIdToken(ctx, user, clientId, record.scopes, access.token);
  return { status: 200, body, headers: { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' } };
}
