import { GOOGLE_CAUSES, type GoogleCause } from '../causes.js';
import type { SandboxContext } from '../context.js';
import type { AccessTokenRecord, RefreshTokenRecord, SandboxUser } from '../store.js';

export const TESTING_REFRESH_TOKEN_MS = 7 * 86_400_000;
export const UNUSED_REFRESH_TOKEN_MS = 182 * 86_400_000;

export type AccessState =
  | { ok: true; record: AccessTokenRecord; user: SandboxUser }
  | { ok: false; reason: 'missing' | 'unknown' | 'expired' }
  | { ok: false; reason: 'revoked'; adsCode: string; record: AccessTokenRecord };

/** Whether a Google access token works now, and if not, why (in the Ads API's words). */
export function accessState(ctx: SandboxContext, token: string | undefined): AccessState {
  if (!token) return { ok: false, reason: 'missing' };
  const record = ctx.store.accessTokens.get(token);
  const user = record ? ctx.store.users.get(record.userId) : undefined;
  if (!record || record.provider !== 'GOOGLE' || !user) return { ok: false, reason: 'unknown' };
  if (record.dead) {
    const behaviour = GOOGLE_CAUSES[record.dead.cause as GoogleCause];
    const access = behaviour?.access;
    const adsCode = access && typeof access === 'object' ? access.revoked : 'OAUTH_TOKEN_REVOKED';
    return { ok: false, reason: 'revoked', adsCode, record };
  }
  if (record.expiresAt.getTime() <= ctx.clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, record, user };
}

/**
 * Applies the time-based deaths of a refresh token (testing-mode 7 days, 6 months unused,
 * time-based access ended) and returns it; `dead` says why it no longer works.
 */
export function settleRefreshToken(ctx: SandboxContext, record: RefreshTokenRecord): RefreshTokenRecord {
  if (record.dead) return record;
  const now = ctx.clock.now();
  const at = (ms: number) => new Date(ms);
  let death: { cause: GoogleCause; at: Date } | undefined;
  if (record.testing && now.getTime() - record.issuedAt.getTime() >= TESTING_REFRESH_TOKEN_MS) {
    death = { cause: 'TESTING_APP_EXPIRY', at: at(record.issuedAt.getTime() + TESTING_REFRESH_TOKEN_MS) };
  } else if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) {
    death = { cause: 'TOKEN_EXPIRED', at: record.expiresAt };
  } else if (now.getTime() - record.lastUsedAt.getTime() >= UNUSED_REFRESH_TOKEN_MS) {
    death = { cause: 'REFRESH_TOKEN_UNUSED', at: at(record.lastUsedAt.getTime() + UNUSED_REFRESH_TOKEN_MS) };
  }
  if (death) record.dead = death;
  return record;
}
