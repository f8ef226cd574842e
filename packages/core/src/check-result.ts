import type { InvalidationCause } from './invalidation-cause.js';

/**
 * What one look at a provider answer says about a credential. Expected failures are values:
 * `invalid` means a person must reauthorize; `transient` means "ask again later", never "dead".
 */
export type CheckResult =
  | {
      outcome: 'valid';
      /** When the checked token stops working (absent: no known end). */
      expiresAt?: Date;
      /** Facebook: when data access must be re-confirmed, even while the token is valid. */
      dataAccessExpiresAt?: Date;
      /** Google: the end of time-based access granted at consent (`refresh_token_expires_in`). */
      refreshTokenExpiresAt?: Date;
      scopes?: string[];
      externalUserId?: string;
    }
  | { outcome: 'invalid'; cause: InvalidationCause }
  | { outcome: 'transient'; retryAfterSeconds?: number };

/** One provider HTTP answer, as the caller got it. */
export interface ProviderResponse {
  /** HTTP status, or null when no answer arrived (network error, timeout). */
  status: number | null;
  /** Parsed JSON, or the raw text when it was not JSON (a JSON string is parsed here too). */
  body: unknown;
  /** A plain object (any header-name case) or a fetch `Headers`. */
  headers?: Record<string, string | string[] | undefined> | Headers;
  /** The moment to judge expiry against; defaults to the current time. */
  now?: Date;
  /** Scopes the credential must hold; a missing one is PERMISSIONS_CHANGED. Default: none checked. */
  requiredScopes?: readonly string[];
}

/** Who a pushed security event is about. */
export type SecuritySubject =
  | { kind: 'facebook-user'; userId: string }
  | { kind: 'google-iss-sub'; iss: string; sub: string }
  | { kind: 'google-email'; email: string }
  | { kind: 'google-token'; tokenType: string; tokenIdentifierAlg?: string; token: string };

/**
 * A classified provider push (Facebook deauthorize, Google RISC). `advisory`: warn, no status change;
 * `recheck`: ask the provider now; `ignored`: nothing to do (test events, garbage).
 */
export type SecurityEventResult = (
  | CheckResult
  | { outcome: 'advisory' }
  | { outcome: 'recheck' }
  | { outcome: 'ignored' }
) & { eventType: string; occurredAt?: Date; subject?: SecuritySubject };
