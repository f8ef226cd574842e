import type { Request } from 'express';
import type { SandboxContext } from '../context.js';
import { bearer, params, type ProviderResponse } from '../shared/http.js';
import { EMAIL_SCOPE, PROFILE_SCOPE } from './scopes.js';
import { profileClaims } from './issueTokens.js';
import { accessState } from './tokenState.js';

/** `GET /oauth2/v3/userinfo`: OpenID claims for the granted scopes; a dead token gets 401 "Invalid Credentials". */
export function userinfo(ctx: SandboxContext, req: Request): ProviderResponse {
  const state = accessState(ctx, bearer(req) ?? params(req).access_token);
  if (!state.ok) {
    return {
      status: 401,
      body: { error: 'invalid_request', error_description: 'Invalid Credentials' },
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    };
  }
  const { user, record } = state;
  const body: Record<string, unknown> = { sub: user.userId };
  if (record.scopes.includes(PROFILE_SCOPE)) Object.assign(body, profileClaims(ctx, user));
  if (record.scopes.includes(EMAIL_SCOPE)) Object.assign(body, { email: user.email, email_verified: true });
  return { status: 200, body };
}

/** `GET|POST /oauth2/v3/tokeninfo?access_token=`: string-valued fields, or 400 invalid_token "Invalid Value". */
export function tokeninfo(ctx: SandboxContext, req: Request): ProviderResponse {
  const state = accessState(ctx, params(req).access_token ?? bearer(req));
  if (!state.ok) return { status: 400, body: { error: 'invalid_token', error_description: 'Invalid Value' } };
  const { user, record } = state;
  const now = ctx.clock.now().getTime();
  const body: Record<string, string> = {
    azp: record.clientId,
    aud: record.clientId,
    sub: user.userId,
    scope: record.scopes.join(' '),
    exp: String(Math.floor(record.expiresAt.getTime() / 1000)),
    expires_in: String(Math.max(0, Math.floor((record.expiresAt.getTime() - now) / 1000))),
  };
  if (record.scopes.includes(EMAIL_SCOPE)) Object.assign(body, { email: user.email, email_verified: 'true' });
  body.access_type = record.accessType ?? 'online';
  return { status: 200, body };
}

/**
 * `POST /revoke?token=`: revokes an access or refresh token and the other half of its pair
 * (a refresh token takes every access token minted from it).
 */
export function revoke(ctx: SandboxContext, req: Request): ProviderResponse {
  const token = params(req).token;
  const invalid: ProviderResponse = { status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } };
  if (!token) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing required parameter: token' } };
  const at = ctx.clock.now();
  const access = ctx.store.accessTokens.get(token);
  const refreshToken = access?.provider === 'GOOGLE' ? access.refreshToken : token;
  const refresh = refreshToken ? ctx.store.refreshTokens.get(refreshToken) : undefined;
  if (access && access.provider === 'GOOGLE') {
    if (access.dead || access.expiresAt.getTime() <= at.getTime()) return invalid;
  } else if (!refresh || refresh.dead) {
    return invalid;
  }
  if (access && access.provider === 'GOOGLE') access.dead = { cause: 'ACCESS_REVOKED', at };
  if (refresh && !refresh.dead) {
    refresh.dead = { cause: 'ACCESS_REVOKED', at };
    for (const record of ctx.store.accessTokens.values()) {
      if (record.refreshToken === refresh.token && !record.dead) record.dead = { cause: 'ACCESS_REVOKED', at };
    }
  }
  return { status: 200, body: {} };
}
