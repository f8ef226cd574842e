import type { CheckResult } from '../check-result.js';
import { classifyFacebookDeauthorize } from './facebook-deauthorize.js';
import { facebookDescriptor } from './facebook-descriptor.js';
import { classifyDebugToken, debugTokenDataOf } from './facebook-debug-token.js';
import { classifyGraphError, graphErrorOf, tokenErrorCause } from './facebook-error.js';
import { facebookBackoffSeconds } from './facebook-usage.js';
import { retryAfterHeaderSeconds } from './header-reader.js';
import { isRecord, numberAt, stringAt } from './json-shape.js';
import { isServerOrThrottle, isSuccess, longestWait, transient, type NormalizedResponse } from './normalized-response.js';
import type { ProviderModule } from './provider-module.js';

/**
 * Any Graph API answer: error objects (by code and subcode), `debug_token`, a token exchange
 * (`{access_token, expires_in}`), any other successful call, rate limits, 5xx, text and empty bodies.
 */
export function classifyFacebookResponse(response: NormalizedResponse): CheckResult {
  const { status, body, header, now, requiredScopes } = response;
  const backoff = (): CheckResult =>
    transient(longestWait(retryAfterHeaderSeconds(header, now), facebookBackoffSeconds(header)));

  const graphError = graphErrorOf(body);
  if (graphError) return classifyGraphError(graphError, status, backoff);
  if (isServerOrThrottle(status)) return backoff();

  if (isSuccess(status)) {
    const debugData = debugTokenDataOf(body);
    if (debugData) return classifyDebugToken(debugData, now, requiredScopes);
    if (isRecord(body) && stringAt(body, 'access_token') !== undefined) {
      const expiresIn = numberAt(body, 'expires_in');
      return expiresIn !== undefined && expiresIn > 0
        ? { outcome: 'valid', expiresAt: new Date(now.getTime() + expiresIn * 1000) }
        : { outcome: 'valid' };
    }
    // Graph answers JSON objects, lists or `true`; text (a proxy's HTML page) or nothing proves nothing.
    return isRecord(body) || Array.isArray(body) || body === true ? { outcome: 'valid' } : backoff();
  }

  const textCause = typeof body === 'string' ? tokenErrorCause(body) : undefined;
  if (textCause) return { outcome: 'invalid', cause: textCause };
  return status === 401 ? { outcome: 'invalid', cause: 'UNKNOWN' } : backoff();
}

export const facebook: ProviderModule = Object.freeze({
  descriptor: facebookDescriptor,
  classifyResponse: classifyFacebookResponse,
  classifySecurityEvent: classifyFacebookDeauthorize,
});
