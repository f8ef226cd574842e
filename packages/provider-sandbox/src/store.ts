import type { SandboxCause } from './causes.js';
import type { SandboxProvider } from './options.js';

export interface AdAccount {
  /** As the provider's API names it: `act_<digits>` on Facebook, the 10-digit customer id on Google. */
  id: string;
  /** Digits only. */
  accountId: string;
  name: string;
}

export interface SandboxUser {
  /** The provider-side user id: Facebook app-scoped id, Google `sub`. Also the `login_hint`. */
  userId: string;
  provider: SandboxProvider;
  name: string;
  email: string;
  createdAt: Date;
  adAccounts: AdAccount[];
  /** Google: the account was disabled (hijacking) and not yet re-enabled. */
  disabled: boolean;
  /** Google: the user lost access to their Ads customers (PERMISSIONS_CHANGED). */
  lostAdsAccess: boolean;
  /** Google: consent grants time-based access of this many seconds (`refresh_token_expires_in`). */
  timeBasedAccessSeconds?: number;
  /** The last cause `invalidate` applied, for the demo page. */
  lastInvalidation?: { cause: SandboxCause; at: Date };
}

/** What a user has granted one app / client. */
export interface Grant {
  provider: SandboxProvider;
  userId: string;
  clientId: string;
  scopes: Set<string>;
  /** Facebook: scopes the user declined or removed; not asked again without `auth_type=rerequest`. */
  declined: Set<string>;
  grantedAt: Date;
  /** Facebook: 90 days after the last consent. */
  dataAccessExpiresAt: Date;
}

export interface DeadMark {
  cause: SandboxCause;
  at: Date;
}

export interface AccessTokenRecord {
  token: string;
  provider: SandboxProvider;
  userId: string;
  clientId: string;
  /** Facebook: short-lived (code exchange) or long-lived (fb_exchange_token). */
  kind: 'short' | 'long' | 'google';
  /** Google: fixed at issue. Facebook tokens read the live grant instead. */
  scopes: string[];
  issuedAt: Date;
  expiresAt: Date;
  dead?: DeadMark;
  /** Google: the refresh token this access token came from (revoking one revokes the other). */
  refreshToken?: string;
  accessType?: 'online' | 'offline';
}

export interface RefreshTokenRecord {
  token: string;
  userId: string;
  clientId: string;
  scopes: string[];
  issuedAt: Date;
  lastUsedAt: Date;
  /** Time-based access: the grant ends here. */
  expiresAt?: Date;
  /** Issued to a client in testing mode with more than basic scopes: dies 7 days after issue. */
  testing: boolean;
  dead?: DeadMark;
}

export interface AuthCodeRecord {
  code: string;
  provider: SandboxProvider;
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  createdAt: Date;
  usedAt?: Date;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  accessType: 'online' | 'offline';
  issueRefreshToken: boolean;
  nonce?: string;
}

/** All sandbox state, in memory. */
export interface SandboxStore {
  users: Map<string, SandboxUser>;
  grants: Map<string, Grant>;
  accessTokens: Map<string, AccessTokenRecord>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  codes: Map<string, AuthCodeRecord>;
  clear(): void;
}

export function createStore(): SandboxStore {
  const store: SandboxStore = {
    users: new Map(),
    grants: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    codes: new Map(),
    clear() {
      store.users.clear();
      store.grants.clear();
      store.accessTokens.clear();
      store.refreshTokens.clear();
      store.codes.clear();
    },
  };
  return store;
}

export function grantKey(provider: SandboxProvider, userId: string, clientId: string): string {
  return `${provider}:${userId}:${clientId}`;
}
