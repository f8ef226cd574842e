import { validTime as time } from '../dates.js';
import type { InvalidationCause } from '../invalidation-cause.js';
import { googleDescriptor } from './google-descriptor.js';

/** What we know around a Google `invalid_grant`, which Google answers the same way for most causes. */
export interface GoogleInvalidGrantContext {
  now: Date;
  /** The token endpoint's `error` (`invalid_grant`, `admin_policy_enforced`, …). */
  error?: string;
  /** The token endpoint's `error_subtype` (e.g. `invalid_rapt`). */
  errorSubtype?: string;
  errorDescription?: string;
  /** When the refresh token was issued (the consent). */
  tokenIssuedAt?: Date | null;
  /** The last time the refresh token worked. */
  lastSuccessfulUseAt?: Date | null;
  /** Whether the OAuth client's app is in "Testing" publishing status. */
  clientInTestingMode?: boolean;
  /** Refresh tokens issued to the same Google account for this client after this one. */
  newerGrantsForAccount?: number;
  /** End of time-based access granted at consent (`refresh_token_expires_in`). */
  refreshTokenExpiresAt?: Date | null;
  /** The latest Cross-Account Protection event for the account, if one was seen. */
  recentSecurityEvent?: { cause: InvalidationCause; at: Date } | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A RISC event this close before the failure (or slightly after, clock skew) explains it. */
export const RECENT_SECURITY_EVENT_MS = 10 * MINUTE;
const CLOCK_SKEW_MS = 1 * MINUTE;
/** Testing-mode refresh tokens die 7 days after issue; allow an hour for our own bookkeeping. */
const TESTING_EXPIRY_TOLERANCE_MS = 1 * HOUR;

/**
 * The most likely cause behind a Google `invalid_grant`, from the answer's details and what we
 * know about the grant. Explicit signals first (admin policy, session control, a deleted account,
 * a security event seen just before), then causes certain from the grant's history (time-based
 * access ran out, testing-mode lifetime, the 100-token limit, six months unused); otherwise the
 * person (or someone with access to their account) revoked it: ACCESS_REVOKED.
 */
export function refineGoogleInvalidGrant(context: GoogleInvalidGrantContext): InvalidationCause {
  const now = time(context.now) ?? Date.now();
  const { error, errorSubtype, errorDescription } = context;

  if (error === 'admin_policy_enforced' || errorSubtype === 'admin_policy_enforced') return 'ADMIN_POLICY';
  if (error === 'invalid_rapt' || errorSubtype === 'invalid_rapt') return 'SESSION_INVALIDATED';
  if (errorDescription !== undefined && /account (?:has been )?(?:deleted|disabled)/i.test(errorDescription)) return 'ACCOUNT_DISABLED';

  const event = context.recentSecurityEvent;
  const eventAt = time(event?.at);
  if (event && eventAt !== undefined && eventAt >= now - RECENT_SECURITY_EVENT_MS && eventAt <= now + CLOCK_SKEW_MS) {
    return event.cause;
  }

  const refreshTokenExpiresAt = time(context.refreshTokenExpiresAt);
  if (refreshTokenExpiresAt !== undefined && refreshTokenExpiresAt <= now) return 'TOKEN_EXPIRED';

  const issuedAt = time(context.tokenIssuedAt);
  const testingLifetimeMs = googleDescriptor.testingRefreshTokenLifetimeSeconds * SECOND;
  if (context.clientInTestingMode === true && issuedAt !== undefined && now - issuedAt >= testingLifetimeMs - TESTING_EXPIRY_TOLERANCE_MS) {
    return 'TESTING_APP_EXPIRY';
  }

  // With `limit` newer tokens alive, this one is the limit+1st: Google has dropped it.
  const limit = googleDescriptor.maxRefreshTokensPerAccount;
  if (context.newerGrantsForAccount !== undefined && context.newerGrantsForAccount >= limit) return 'TOKEN_LIMIT_EXCEEDED';

  const lastUse = time(context.lastSuccessfulUseAt) ?? issuedAt;
  const unusedLifetimeMs = googleDescriptor.unusedRefreshTokenLifetimeSeconds * SECOND;
  if (lastUse !== undefined && now - lastUse >= unusedLifetimeMs) return 'REFRESH_TOKEN_UNUSED';

  return 'ACCESS_REVOKED';
}
