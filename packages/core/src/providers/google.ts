import type { CheckResult } from '../check-result.js';
import { classifyGoogleApiError } from './google-api-error.js';
import { googleDescriptor } from './google-descriptor.js';
import { classifyGoogleRisc } from './google-risc.js';
import { classifyGoogleTokenError } from './google-token-error.js';
import { retryAfterHeaderSeconds } from './header-reader.js';
import { dateFromUnixSeconds, isRecord, numberAt, recordAt, stringAt, type JsonRecord } from './json-shape.js';
import { isSuccess, missingScopes, transient, type NormalizedResponse } from './normalized-response.js';
import type { ProviderModule } from './provider-module.js';

/** A successful token-endpoint answer `{access_token, expires_in, scope?, refresh_token_expires_in?}`. */
function classifyTokenSuccess(body: JsonRecord, now: Date, requiredScopes: readonly string[]): CheckResult {
  const scopes = scopeList(body);
  if (scopes && missingScopes(requiredScopes, scopes).length > 0) return { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };
  const result: CheckResult & { outcome: 'valid' } = { outcome: 'valid' };
  const expiresIn = numberAt(body, 'expires_in');
  const refreshExpiresIn = numberAt(body, 'refresh_token_expires_in');
  if (expiresIn !== undefined && expiresIn > 0) result.expiresAt = new Date(now.getTime() + expiresIn * 1000);
  if (refreshExpiresIn !== undefined && refreshExpiresIn > 0) result.refreshTokenExpiresAt = new Date(now.getTime() + refreshExpiresIn * 1000);
  if (scopes) result.scopes = scopes;
  return result;
}

/** tokeninfo `{aud, azp, sub, scope, exp, expires_in, email}` (numbers may come as strings). */
function classifyTokenInfo(body: JsonRecord, now: Date, requiredScopes: readonly string[]): CheckResult {
  const expiresAt = dateFromUnixSeconds(numberAt(body, 'exp'));
  // A lapsed access token is routine for Google: the refresh decides about the grant.
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return transient();
  const scopes = scopeList(body);
  if (scopes && missingScopes(requiredScopes, scopes).length > 0) return { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };
  return withUser({ outcome: 'valid', ...(expiresAt ? { expiresAt } : {}), ...(scopes ? { scopes } : {}) }, body);
}

function scopeList(body: JsonRecord): string[] | undefined {
  const scope = stringAt(body, 'scope');
  return scope === undefined ? undefined : scope.split(/\s+/).filter((s) => s !== '');
}

function withUser(result: CheckResult & { outcome: 'valid' }, body: JsonRecord): CheckResult {
  const sub = stringAt(body, 'sub');
  return sub ? { ...result, externalUserId: sub } : result;
}

/**
 * Any Google answer: token-endpoint errors and successes, tokeninfo, Google Ads API failures
 * (also inside a searchStream array), rate limits, 5xx, text and empty bodies.
 */
export function classifyGoogleResponse(response: NormalizedResponse): CheckResult {
  const { status, header, now, requiredScopes } = response;
  const retryAfter = retryAfterHeaderSeconds(header, now);
  const body = Array.isArray(response.body) && recordAt(response.body[0], 'error') ? response.body[0] : response.body;

  if (isRecord(body)) {
    const error = body['error'];
    if (typeof error === 'string') return classifyGoogleTokenError(body, error, now, retryAfter);
    if (isRecord(error)) return classifyGoogleApiError(error, retryAfter);
  }
  if (!isSuccess(status)) return transient(retryAfter);

  if (isRecord(body)) {
    if (stringAt(body, 'access_token') !== undefined) return classifyTokenSuccess(body, now, requiredScopes);
    if (numberAt(body, 'exp') !== undefined) return classifyTokenInfo(body, now, requiredScopes);
    return withUser({ outcome: 'valid' }, body);
  }
  // Google APIs answer JSON; text (a proxy's page) or an empty body proves nothing.
  return Array.isArray(body) ? { outcome: 'valid' } : transient(retryAfter);
}

export const google: ProviderModule = Object.freeze({
  descriptor: googleDescriptor,
  classifyResponse: classifyGoogleResponse,
  classifySecurityEvent: classifyGoogleRisc,
});
