import { FACEBOOK_CAUSES, GOOGLE_CAUSES, isFacebookCause, isGoogleCause, sandboxCauses, type SandboxCause } from './causes.js';
import type { SandboxContext } from './context.js';
import { ADS_SCOPES } from './facebook/graphNodes.js';
import { pushFacebookNotice } from './facebook/notices.js';
import { pushSecurityEvent, type RiscDelivery } from './google/risc.js';
import type { NoticeResult } from './notices.js';
import type { SandboxUser } from './store.js';
import { requireUser, SandboxInputError } from './users.js';

export interface InvalidationResult {
  userId: string;
  provider: SandboxUser['provider'];
  cause: SandboxCause;
  /** ISO time of the provider-side event (sandbox clock). */
  at: string;
  /** Access and refresh tokens that stopped working because of it. */
  tokensAffected: number;
  /** Notices pushed to the app (deauthorize callback, RISC event), with the receiver's answer. */
  notices: Array<NoticeResult | RiscDelivery>;
}

/**
 * The provider-side event for `cause`: from now on the user's tokens fail as the real provider
 * fails them, and where the provider pushes a notice, it is sent (and awaited).
 */
export async function invalidateUser(ctx: SandboxContext, userId: string, cause: string): Promise<InvalidationResult> {
  const user = requireUser(ctx, userId);
  const valid = sandboxCauses(user.provider);
  if (!(valid as string[]).includes(cause)) {
    throw new SandboxInputError(`unknown cause ${JSON.stringify(cause)} for ${user.provider}; valid causes: ${valid.join(', ')}`);
  }
  const at = ctx.clock.now();
  user.lastInvalidation = { cause: cause as SandboxCause, at };
  const result: InvalidationResult = { userId, provider: user.provider, cause: cause as SandboxCause, at: at.toISOString(), tokensAffected: 0, notices: [] };
  if (user.provider === 'FACEBOOK' && isFacebookCause(cause)) await invalidateFacebook(ctx, user, cause, at, result);
  if (user.provider === 'GOOGLE' && isGoogleCause(cause)) await invalidateGoogle(ctx, user, cause, at, result);
  return result;
}

async function invalidateFacebook(
  ctx: SandboxContext,
  user: SandboxUser,
  cause: keyof typeof FACEBOOK_CAUSES,
  at: Date,
  result: InvalidationResult,
): Promise<void> {
  const behaviour: { effect: string; pushDeauthorize?: boolean } = FACEBOOK_CAUSES[cause];
  const tokens = [...ctx.store.accessTokens.values()].filter(
    (t) => t.provider === 'FACEBOOK' && t.userId === user.userId && !t.dead && t.expiresAt.getTime() > at.getTime(),
  );
  const grants = [...ctx.store.grants.values()].filter((g) => g.provider === 'FACEBOOK' && g.userId === user.userId);
  if (behaviour.effect === 'kill') for (const t of tokens) t.dead = { cause, at };
  if (behaviour.effect === 'expire') for (const t of tokens) t.expiresAt = at;
  if (behaviour.effect === 'scopes') {
    for (const grant of grants) {
      for (const scope of ADS_SCOPES) {
        if (grant.scopes.delete(scope)) grant.declined.add(scope);
      }
    }
  }
  if (behaviour.effect === 'dataAccess') for (const grant of grants) grant.dataAccessExpiresAt = at;
  result.tokensAffected = tokens.length;
  if (behaviour.pushDeauthorize) {
    for (const grant of grants) ctx.store.grants.delete(`FACEBOOK:${grant.userId}:${grant.clientId}`);
    if (grants.length > 0) {
      const notice = await pushFacebookNotice(ctx, 'deauthorize', user.userId);
      if (notice) result.notices.push(notice);
    }
  }
}

async function invalidateGoogle(
  ctx: SandboxContext,
  user: SandboxUser,
  cause: keyof typeof GOOGLE_CAUSES,
  at: Date,
  result: InvalidationResult,
): Promise<void> {
  const behaviour: { refresh: string; access: unknown; risc?: Parameters<typeof pushSecurityEvent>[2] } = GOOGLE_CAUSES[cause];
  let affected = 0;
  if (behaviour.refresh !== 'ok') {
    for (const r of ctx.store.refreshTokens.values()) {
      if (r.userId === user.userId && !r.dead) {
        r.dead = { cause, at };
        affected += 1;
      }
    }
  }
  if (typeof behaviour.access === 'object') {
    for (const t of ctx.store.accessTokens.values()) {
      if (t.provider === 'GOOGLE' && t.userId === user.userId && !t.dead && t.expiresAt.getTime() > at.getTime()) {
        t.dead = { cause, at };
        affected += 1;
      }
    }
  }
  if (behaviour.access === 'permission') user.lostAdsAccess = true;
  if (cause === 'ACCOUNT_DISABLED') user.disabled = true;
  result.tokensAffected = affected;
  if (behaviour.risc) result.notices.push(await pushSecurityEvent(ctx, user, behaviour.risc));
  // The person removed the app's access: the grant is gone (after the event, which needs it).
  if (cause === 'APP_DEAUTHORIZED' || cause === 'ACCESS_REVOKED') {
    for (const grant of [...ctx.store.grants.values()]) {
      if (grant.provider === 'GOOGLE' && grant.userId === user.userId) ctx.store.grants.delete(`GOOGLE:${grant.userId}:${grant.clientId}`);
    }
  }
}
