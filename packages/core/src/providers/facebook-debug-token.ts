import type { CheckResult } from '../check-result.js';
import { causeForSubcode, causeFromMessage, readGraphError } from './facebook-error.js';
import { dateFromUnixSeconds, idAt, numberAt, recordAt, type JsonRecord } from './json-shape.js';
import { missingScopes, transient } from './normalized-response.js';

/** `{ "data": { "is_valid": … } }`: the shape of a `GET /debug_token` answer. */
export function debugTokenDataOf(body: unknown): JsonRecord | undefined {
  const data = recordAt(body, 'data');
  return data !== undefined && 'is_valid' in data ? data : undefined;
}

/** An expiry in the past; `0`/absent means "never". */
function hasPassed(data: JsonRecord, key: string, now: Date): boolean {
  const at = dateFromUnixSeconds(numberAt(data, key));
  return at !== undefined && at.getTime() <= now.getTime();
}

/**
 * Judges a debug_token `data` object: validity, `expires_at` and `data_access_expires_at` against
 * `now` (`0` = never), and the required scopes against `scopes`.
 */
export function classifyDebugToken(data: JsonRecord, now: Date, requiredScopes: readonly string[]): CheckResult {
  const isValid = data['is_valid'];
  if (isValid === false) {
    const error = recordAt(data, 'error');
    const graphError = error ? readGraphError(error) : {};
    const cause =
      causeForSubcode(graphError.subcode) ??
      (hasPassed(data, 'expires_at', now) ? 'TOKEN_EXPIRED' : undefined) ??
      (hasPassed(data, 'data_access_expires_at', now) ? 'DATA_ACCESS_EXPIRED' : undefined) ??
      causeFromMessage(graphError.message) ??
      'SESSION_INVALIDATED';
    return { outcome: 'invalid', cause };
  }
  if (isValid !== true) return transient();

  if (hasPassed(data, 'expires_at', now)) return { outcome: 'invalid', cause: 'TOKEN_EXPIRED' };
  if (hasPassed(data, 'data_access_expires_at', now)) return { outcome: 'invalid', cause: 'DATA_ACCESS_EXPIRED' };
  const rawScopes = data['scopes'];
  const scopes = Array.isArray(rawScopes) ? rawScopes.filter((s): s is string => typeof s === 'string') : undefined;
  if (scopes && missingScopes(requiredScopes, scopes).length > 0) return { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };

  const result: CheckResult & { outcome: 'valid' } = { outcome: 'valid' };
  const expiresAt = dateFromUnixSeconds(numberAt(data, 'expires_at'));
  const dataAccessExpiresAt = dateFromUnixSeconds(numberAt(data, 'data_access_expires_at'));
  const externalUserId = idAt(data, 'user_id');
  if (expiresAt) result.expiresAt = expiresAt;
  if (dataAccessExpiresAt) result.dataAccessExpiresAt = dataAccessExpiresAt;
  if (scopes) result.scopes = scopes;
  if (externalUserId) result.externalUserId = externalUserId;
  return result;
}
