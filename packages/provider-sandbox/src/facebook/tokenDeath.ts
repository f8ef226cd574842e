import type { FacebookCause } from '../causes.js';
import { FACEBOOK_CAUSES } from '../causes.js';
import type { SandboxContext } from '../context.js';
import type { AccessTokenRecord, Grant } from '../store.js';
import { facebookDate } from './graphError.js';

/** Why a Facebook user token no longer works: the `code`/`subcode`/`message` Facebook gives. */
export interface FacebookTokenProblem {
  code: number;
  subcode?: number;
  message: string;
}

const MESSAGES: Partial<Record<number, (appId: string) => string>> = {
  458: (appId) => `Error validating access token: The user has not authorized application ${appId}.`,
  459: () => 'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
  460: () =>
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  467: () => 'Error validating access token: The session is invalid because the user logged out.',
};

export function expiredProblem(expiresAt: Date, now: Date): FacebookTokenProblem {
  return {
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${facebookDate(expiresAt)}. The current time is ${facebookDate(now)}.`,
  };
}

export const DATA_ACCESS_EXPIRED_PROBLEM: FacebookTokenProblem = {
  code: 190,
  subcode: 493,
  message: "The access token is invalid since the user hasn't engaged the app in longer than 90 days.",
};

export const UNPARSEABLE_TOKEN_PROBLEM: FacebookTokenProblem = {
  code: 190,
  message: 'Invalid OAuth access token - Cannot parse access token',
};

/**
 * What is wrong with a token right now, or undefined when it works. Order as Facebook checks:
 * killed sessions first, then expiry, then the app's grant (deauthorized, data access).
 */
export function facebookTokenProblem(
  ctx: SandboxContext,
  record: AccessTokenRecord | undefined,
  grant: Grant | undefined,
): FacebookTokenProblem | undefined {
  const appId = ctx.facebook?.appId ?? '';
  if (!record || record.provider !== 'FACEBOOK') return UNPARSEABLE_TOKEN_PROBLEM;
  const now = ctx.clock.now();
  if (record.dead) {
    const behaviour = FACEBOOK_CAUSES[record.dead.cause as FacebookCause];
    const subcode = behaviour && 'subcode' in behaviour ? behaviour.subcode : 467;
    return { code: 190, subcode, message: (MESSAGES[subcode] ?? MESSAGES[467]!)(appId) };
  }
  if (record.expiresAt.getTime() <= now.getTime()) return expiredProblem(record.expiresAt, now);
  if (!grant) return { code: 190, subcode: 458, message: MESSAGES[458]!(appId) };
  if (grant.dataAccessExpiresAt.getTime() <= now.getTime()) return DATA_ACCESS_EXPIRED_PROBLEM;
  return undefined;
}
