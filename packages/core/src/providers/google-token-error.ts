import type { CheckResult } from '../check-result.js';
import { refineGoogleInvalidGrant } from './google-invalid-grant.js';
import { stringAt, type JsonRecord } from './json-shape.js';
import { transient } from './normalized-response.js';

/**
 * An OAuth error body `{ error, error_description, error_subtype? }` from Google's token endpoint
 * (or tokeninfo). Only grant-level errors are invalid; client and request errors are our own
 * set-up (transient, they surface as UNREACHABLE), and `invalid_token` only rejects an access
 * token, which a refresh replaces.
 */
export function classifyGoogleTokenError(body: JsonRecord, error: string, now: Date, retryAfter: number | undefined): CheckResult {
  switch (error) {
    case 'invalid_grant':
    case 'admin_policy_enforced':
    case 'invalid_rapt':
      return {
        outcome: 'invalid',
        cause: refineGoogleInvalidGrant({
          now,
          error,
          errorSubtype: stringAt(body, 'error_subtype'),
          errorDescription: stringAt(body, 'error_description'),
        }),
      };
    case 'access_denied':
      return { outcome: 'invalid', cause: 'UNKNOWN' };
    default:
      return transient(retryAfter);
  }
}
