import type { SandboxContext } from '../context.js';
import { GOOGLE_ADS_VERSION } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';

const FAILURE_TYPE = `type.googleapis.com/google.ads.googleads.${GOOGLE_ADS_VERSION}.errors.GoogleAdsFailure`;

const STATUS_TEXT: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: {
    status: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'Resource has been exhausted (e.g. check quota).' },
  500: { status: 'INTERNAL', message: 'Internal error encountered.' },
};

const ERROR_MESSAGES: Record<string, string> = {
  OAUTH_TOKEN_EXPIRED: 'The OAuth access token has expired.',
  OAUTH_TOKEN_INVALID: 'The OAuth access token is invalid.',
  OAUTH_TOKEN_REVOKED: 'The OAuth access token has been revoked.',
  OAUTH_TOKEN_DISABLED: 'The OAuth access token is disabled.',
  GOOGLE_ACCOUNT_DELETED: 'The Google account that generated the OAuth access token is deleted.',
  NOT_ADS_USER: 'User in the cookie is not a valid Ads user.',
  USER_PERMISSION_DENIED:
    "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid",
  RESOURCE_EXHAUSTED: 'Too many requests. Retry in 30 seconds.',
  INTERNAL_ERROR: 'An internal error has occurred.',
};

/** A Google Ads API error: `{error:{code,message,status,details:[GoogleAdsFailure{errors,requestId}]}}`. */
export function adsFailure(
  ctx: SandboxContext,
  httpStatus: number,
  errorCode: Record<string, string>,
  extra: Record<string, unknown> = {},
): ProviderResponse {
  const value = Object.values(errorCode)[0] ?? '';
  const text = STATUS_TEXT[httpStatus] ?? STATUS_TEXT[500]!;
  const requestId = ctx.mint.requestId();
  return {
    status: httpStatus,
    body: {
      error: {
        code: httpStatus,
        message: text.message,
        status: text.status,
        details: [{ '@type': FAILURE_TYPE, errors: [{ errorCode, message: ERROR_MESSAGES[value] ?? value, ...extra }], requestId }],
      },
    },
    headers: { 'request-id': requestId },
  };
}

/** Google's plain (non-Ads) error for a call without credentials or with too few scopes. */
export function rpcError(httpStatus: 401 | 403, reason?: string): ProviderResponse {
  if (httpStatus === 401) {
    return {
      status: 401,
      body: {
        error: {
          code: 401,
          message:
            'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          status: 'UNAUTHENTICATED',
        },
      },
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    };
  }
  return {
    status: 403,
    body: {
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: reason ?? 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' }],
      },
    },
  };
}
