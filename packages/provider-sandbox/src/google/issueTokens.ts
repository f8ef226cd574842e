import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { idTokenIssuer, type SandboxContext } from '../context.js';
import type { AccessTokenRecord, RefreshTokenRecord, SandboxUser } from '../store.js';
import { EMAIL_SCOPE, hasNonBasicScope, PROFILE_SCOPE } from './scopes.js';

export const ACCESS_TOKEN_SECONDS = 3599;
export const MAX_REFRESH_TOKENS = 100;

export function issueAccessToken(
  ctx: SandboxContext,
  user: SandboxUser,
  clientId: string,
  scopes: string[],
  accessType: 'online' | 'offline',
  refreshToken?: string,
): AccessTokenRecord {
  const now = ctx.clock.now();
  const record: AccessTokenRecord = {
    token: ctx.mint.googleAccessToken(),
    provider: 'GOOGLE',
    userId: user.userId,
    clientId,
    kind: 'google',
    scopes,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000),
    accessType,
    ...(refreshToken ? { refreshToken } : {}),
  };
  ctx.store.accessTokens.set(record.token, record);
  return record;
}

/**
 * Mints a refresh token. An account holds at most 100 live refresh tokens per client: issuing
 * one more silently kills the oldest (TOKEN_LIMIT_EXCEEDED).
 */
export function issueRefreshToken(ctx: SandboxContext, user: SandboxUser, clientId: string, scopes: string[]): RefreshTokenRecord {
  const now = ctx.clock.now();
  const live = [...ctx.store.refreshTokens.values()]
    .filter((r) => r.userId === user.userId && r.clientId === clientId && !r.dead)
    .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  for (const old of live.slice(0, Math.max(0, live.length - (MAX_REFRESH_TOKENS - 1)))) {
    old.dead = { cause: 'TOKEN_LIMIT_EXCEEDED', at: now };
  }
  const record: RefreshTokenRecord = {
    token: ctx.mint.googleRefreshToken(),
    userId: user.userId,
    clientId,
    scopes,
    issuedAt: now,
    lastUsedAt: now,
    testing: Boolean(ctx.google?.testingMode) && hasNonBasicScope(scopes),
    ...(user.timeBasedAccessSeconds ? { expiresAt: new Date(now.getTime() + user.timeBasedAccessSeconds * 1000) } : {}),
  };
  ctx.store.refreshTokens.set(record.token, record);
  return record;
}

/** An OpenID id_token signed with the sandbox's RSA key (same key as the RISC tokens, same JWKS). */
export async function signIdToken(
  ctx: SandboxContext,
  user: SandboxUser,
  clientId: string,
  scopes: string[],
  accessToken: string,
  nonce?: string,
): Promise<string> {
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const atHash = createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
  const claims: Record<string, unknown> = { azp: clientId, sub: user.userId, at_hash: atHash };
  if (scopes.includes(EMAIL_SCOPE)) Object.assign(claims, { email: user.email, email_verified: true });
  if (scopes.includes(PROFILE_SCOPE)) Object.assign(claims, profileClaims(ctx, user));
  if (nonce) claims.nonce = nonce;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: ctx.keys.kid, typ: 'JWT' })
    .setIssuer(idTokenIssuer(ctx.publicUrl))
    .setAudience(clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(ctx.keys.privateKey);
}

export function profileClaims(ctx: SandboxContext, user: SandboxUser): Record<string, string> {
  const [given = user.name, ...rest] = user.name.split(/\s+/);
  return {
    name: user.name,
    given_name: given,
    ...(rest.length ? { family_name: rest.join(' ') } : {}),
    picture: `${ctx.publicUrl}/google/picture/${user.userId}`,
  };
}
