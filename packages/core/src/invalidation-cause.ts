import { UnreachableCaseError } from './unreachable-case-error.js';

/** Why a provider stopped accepting a credential. Copy for each lives in `causes/`. */
export type InvalidationCause =
  | 'TOKEN_EXPIRED'
  | 'DATA_ACCESS_EXPIRED'
  | 'PASSWORD_CHANGED'
  | 'PERMISSIONS_CHANGED'
  | 'APP_DEAUTHORIZED'
  | 'SECURITY_CHECKPOINT'
  | 'SESSION_INVALIDATED'
  | 'ACCOUNT_DISABLED'
  | 'ADMIN_POLICY'
  | 'ACCESS_REVOKED'
  | 'REFRESH_TOKEN_UNUSED'
  | 'TESTING_APP_EXPIRY'
  | 'TOKEN_LIMIT_EXCEEDED'
  | 'UNKNOWN';

export const INVALIDATION_CAUSES: readonly InvalidationCause[] = Object.freeze([
  'TOKEN_EXPIRED',
  'DATA_ACCESS_EXPIRED',
  'PASSWORD_CHANGED',
  'PERMISSIONS_CHANGED',
  'APP_DEAUTHORIZED',
  'SECURITY_CHECKPOINT',
  'SESSION_INVALIDATED',
  'ACCOUNT_DISABLED',
  'ADMIN_POLICY',
  'ACCESS_REVOKED',
  'REFRESH_TOKEN_UNUSED',
  'TESTING_APP_EXPIRY',
  'TOKEN_LIMIT_EXCEEDED',
  'UNKNOWN',
] as const);

export function isInvalidationCause(x: unknown): x is InvalidationCause {
  return typeof x === 'string' && (INVALIDATION_CAUSES as readonly string[]).includes(x);
}

/**
 * EXPIRED when the credential's lifetime ran out; REVOKED when it was invalidated before its time.
 */
export function statusForCause(cause: InvalidationCause): 'EXPIRED' | 'REVOKED' {
  switch (cause) {
    case 'TOKEN_EXPIRED':
    case 'DATA_ACCESS_EXPIRED':
    case 'REFRESH_TOKEN_UNUSED':
    case 'TESTING_APP_EXPIRY':
      return 'EXPIRED';
    case 'PASSWORD_CHANGED':
    case 'PERMISSIONS_CHANGED':
    case 'APP_DEAUTHORIZED':
    case 'SECURITY_CHECKPOINT':
    case 'SESSION_INVALIDATED':
    case 'ACCOUNT_DISABLED':
    case 'ADMIN_POLICY':
    case 'ACCESS_REVOKED':
    case 'TOKEN_LIMIT_EXCEEDED':
    case 'UNKNOWN':
      return 'REVOKED';
    default:
      throw new UnreachableCaseError(cause);
  }
}
