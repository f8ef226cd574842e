import type { InvalidationCause } from '../invalidation-cause.js';
import type { Provider } from '../provider.js';

/** The facts about one ad platform that the rest of Relink decides with. */
export interface ProviderDescriptor {
  id: Provider;
  displayName: string;
  /** True when a dead access token can be replaced without a person (a refresh token exists). */
  canRefreshSilently: boolean;
  /** The scopes ad tracking cannot work without. */
  requiredScopes: readonly string[];
  /** Everything to ask for at consent: the required scopes plus identity scopes. */
  consentScopes: readonly string[];
  /** Lifetime of a freshly issued access token. */
  accessTokenLifetimeSeconds: number;
  /** Lifetime of an exchanged long-lived token, where the provider has them. */
  longLivedTokenLifetimeSeconds?: number;
  /** How long data access lasts after the person was last active, where the provider limits it. */
  dataAccessLifetimeSeconds?: number;
  /** How far ahead of an expiry (token or data access) the status turns EXPIRING_SOON. */
  expiringSoonWindowSeconds: number;
  /** Most credential checks one provider call can carry. */
  maxBatchSize: number;
  /** The invalidation causes this provider can produce (the sandbox can simulate each). */
  causes: readonly InvalidationCause[];
  /** Google: refresh tokens of apps in "Testing" publishing status die after this long. */
  testingRefreshTokenLifetimeSeconds?: number;
  /** Google: refresh tokens unused this long stop working. */
  unusedRefreshTokenLifetimeSeconds?: number;
  /** Google: live refresh tokens one account may hold per client; the oldest dies beyond that. */
  maxRefreshTokensPerAccount?: number;
}
