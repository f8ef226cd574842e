import type { SandboxContext } from '../context.js';
import type { AccessTokenRecord } from '../store.js';

export const SHORT_LIVED_SECONDS = 3600;
export const LONG_LIVED_SECONDS = 60 * 86_400;

export function issueFacebookToken(ctx: SandboxContext, userId: string, clientId: string, kind: 'short' | 'long'): AccessTokenRecord {
  const now = ctx.clock.now();
  const lifetime = kind === 'short' ? SHORT_LIVED_SECONDS : LONG_LIVED_SECONDS;
  const record: AccessTokenRecord = {
    token: ctx.mint.facebookToken(),
    provider: 'FACEBOOK',
    userId,
    clientId,
    kind,
    scopes: [],
    issuedAt: now,
    expiresAt: new Date(now.getTime() + lifetime * 1000),
  };
  ctx.store.accessTokens.set(record.token, record);
  return record;
}
