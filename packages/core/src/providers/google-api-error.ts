import type { CheckResult } from '../check-result.js';
import type { InvalidationCause } from '../invalidation-cause.js';
import { isRecord, recordAt, stringAt, type JsonRecord } from './json-shape.js';
import { longestWait, transient } from './normalized-response.js';

/** A protobuf Duration in JSON (`"30s"`, `"1.5s"`) → whole seconds. */
function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.ceil(Number(match[1])) : undefined;
}

const authenticationCauses: Readonly<Record<string, InvalidationCause | 'transient'>> = {
  // An expired access token is routine: refreshing it decides.
  OAUTH_TOKEN_EXPIRED: 'transient',
  OAUTH_TOKEN_REVOKED: 'ACCESS_REVOKED',
  OAUTH_TOKEN_INVALID: 'ACCESS_REVOKED',
  OAUTH_TOKEN_DISABLED: 'ACCESS_REVOKED',
  GOOGLE_ACCOUNT_DELETED: 'ACCOUNT_DISABLED',
  NOT_ADS_USER: 'PERMISSIONS_CHANGED',
};

const authorizationCauses: Readonly<Record<string, InvalidationCause>> = {
  USER_PERMISSION_DENIED: 'PERMISSIONS_CHANGED',
  CUSTOMER_NOT_ENABLED: 'ACCOUNT_DISABLED',
  ACTION_NOT_PERMITTED_FOR_SUSPENDED_ACCOUNT: 'ACCOUNT_DISABLED',
};

/** Authentication errors about our own set-up (developer token, customer ids, headers), not the person's grant. */
const OUR_CONFIGURATION = /DEVELOPER_TOKEN|CUSTOMER_ID|CUSTOMER_NOT_FOUND|HEADER|CLIENT|PROJECT|UNKNOWN|UNSPECIFIED/;

/** One GoogleAdsError's `errorCode` → a cause, 'transient', or undefined when it says nothing about the credential. */
function classifyAdsErrorCode(errorCode: JsonRecord): InvalidationCause | 'transient' | undefined {
  const authentication = stringAt(errorCode, 'authenticationError');
  if (authentication !== undefined) {
    // An authentication error we do not know yet is still clearly about the credential.
    return authenticationCauses[authentication] ?? (OUR_CONFIGURATION.test(authentication) ? 'transient' : 'UNKNOWN');
  }
  const authorization = stringAt(errorCode, 'authorizationError');
  if (authorization !== undefined) return authorizationCauses[authorization] ?? 'transient';
  if (stringAt(errorCode, 'quotaError') !== undefined || stringAt(errorCode, 'internalError') !== undefined) return 'transient';
  return undefined;
}

function detailsOf(error: JsonRecord): JsonRecord[] {
  const details = error['details'];
  return Array.isArray(details) ? details.filter(isRecord) : [];
}

const typeOf = (detail: JsonRecord): string => stringAt(detail, '@type') ?? '';

/**
 * A Google API error `{ error: { code, message, status, details } }`, Google Ads' GoogleAdsFailure
 * details first. Google access tokens are short-lived and renewed silently, so an error that only
 * says "this access token is not accepted" (UNAUTHENTICATED without an Ads reason) is transient:
 * the refresh call that follows decides whether the grant is dead.
 */
export function classifyGoogleApiError(error: JsonRecord, retryAfterHeader: number | undefined): CheckResult {
  const details = detailsOf(error);
  const waits: Array<number | undefined> = [retryAfterHeader];
  let verdict: InvalidationCause | 'transient' | undefined;
  // The first cause wins; 'transient' only until a cause turns up.
  const consider = (found: InvalidationCause | 'transient' | undefined): void => {
    if (found !== undefined && (verdict === undefined || verdict === 'transient')) verdict = found;
  };

  for (const detail of details) {
    waits.push(durationSeconds(detail['retryDelay']));
    if (typeOf(detail).endsWith('GoogleAdsFailure') && Array.isArray(detail['errors'])) {
      for (const adsError of detail['errors']) {
        waits.push(durationSeconds(recordAt(recordAt(adsError, 'details'), 'quotaErrorDetails')?.['retryDelay']));
        const errorCode = recordAt(adsError, 'errorCode');
        consider(errorCode ? classifyAdsErrorCode(errorCode) : undefined);
      }
    }
    if (typeOf(detail).endsWith('ErrorInfo') && stringAt(detail, 'reason') === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT') {
      consider('PERMISSIONS_CHANGED');
    }
  }

  if (verdict !== undefined && verdict !== 'transient') return { outcome: 'invalid', cause: verdict };
  return transient(longestWait(...waits));
}
