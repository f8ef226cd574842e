import type { SandboxProvider } from './options.js';

/**
 * How each provider kills a token, per invalidation cause. The sandbox is the provider: these
 * tables say what changes on its side when `invalidate` is called, and so what callers then see.
 */
export interface FacebookCauseBehaviour {
  /** `kill`: tokens dead with code 190 / subcode; `expire`: tokens reach their expiry now;
   *  `scopes`: the ads permissions are removed from the grant; `dataAccess`: data access ends now. */
  effect: 'kill' | 'expire' | 'scopes' | 'dataAccess';
  subcode?: number;
  /** Facebook POSTs a signed_request to the app's deauthorize callback. */
  pushDeauthorize?: boolean;
}

export const FACEBOOK_CAUSES = {
  TOKEN_EXPIRED: { effect: 'expire' },
  DATA_ACCESS_EXPIRED: { effect: 'dataAccess' },
  PASSWORD_CHANGED: { effect: 'kill', subcode: 460 },
  PERMISSIONS_CHANGED: { effect: 'scopes' },
  APP_DEAUTHORIZED: { effect: 'kill', subcode: 458, pushDeauthorize: true },
  SECURITY_CHECKPOINT: { effect: 'kill', subcode: 459 },
  SESSION_INVALIDATED: { effect: 'kill', subcode: 467 },
} as const satisfies Record<string, FacebookCauseBehaviour>;

export type RiscEventName =
  | 'sessions-revoked'
  | 'tokens-revoked'
  | 'token-revoked'
  | 'account-disabled'
  | 'account-enabled'
  | 'account-credential-change-required'
  | 'verification';

export interface GoogleCauseBehaviour {
  /** What the token endpoint answers a refresh with: plain `invalid_grant`, `invalid_grant` +
   *  `error_subtype: invalid_rapt`, `admin_policy_enforced`, or still fine. */
  refresh: 'invalid_grant' | 'invalid_rapt' | 'admin_policy_enforced' | 'ok';
  /** What happens to access tokens already issued: revoked (Ads `authenticationError`), still
   *  valid until they expire, or valid but without access to the ads accounts. */
  access: { revoked: 'OAUTH_TOKEN_REVOKED' | 'GOOGLE_ACCOUNT_DELETED' } | 'ok' | 'permission';
  /** Cross-Account Protection event Google pushes, if any. */
  risc?: RiscEventName;
}

export const GOOGLE_CAUSES = {
  TOKEN_EXPIRED: { refresh: 'invalid_grant', access: 'ok' },
  PERMISSIONS_CHANGED: { refresh: 'ok', access: 'permission' },
  APP_DEAUTHORIZED: { refresh: 'invalid_grant', access: { revoked: 'OAUTH_TOKEN_REVOKED' }, risc: 'tokens-revoked' },
  SESSION_INVALIDATED: { refresh: 'invalid_rapt', access: 'ok', risc: 'sessions-revoked' },
  ACCOUNT_DISABLED: { refresh: 'invalid_grant', access: { revoked: 'GOOGLE_ACCOUNT_DELETED' }, risc: 'account-disabled' },
  ADMIN_POLICY: { refresh: 'admin_policy_enforced', access: 'ok' },
  ACCESS_REVOKED: { refresh: 'invalid_grant', access: { revoked: 'OAUTH_TOKEN_REVOKED' } },
  REFRESH_TOKEN_UNUSED: { refresh: 'invalid_grant', access: 'ok' },
  TESTING_APP_EXPIRY: { refresh: 'invalid_grant', access: 'ok' },
  TOKEN_LIMIT_EXCEEDED: { refresh: 'invalid_grant', access: 'ok' },
} as const satisfies Record<string, GoogleCauseBehaviour>;

export type FacebookCause = keyof typeof FACEBOOK_CAUSES;
export type GoogleCause = keyof typeof GOOGLE_CAUSES;
export type SandboxCause = FacebookCause | GoogleCause;

/** The causes the sandbox can trigger for a provider, in table order. */
export function sandboxCauses(provider: SandboxProvider): SandboxCause[] {
  return Object.keys(provider === 'FACEBOOK' ? FACEBOOK_CAUSES : GOOGLE_CAUSES) as SandboxCause[];
}

export function isFacebookCause(cause: string): cause is FacebookCause {
  return Object.hasOwn(FACEBOOK_CAUSES, cause);
}

export function isGoogleCause(cause: string): cause is GoogleCause {
  return Object.hasOwn(GOOGLE_CAUSES, cause);
}
