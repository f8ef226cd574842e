import { Passport } from 'passport';
import {
  Strategy as FacebookStrategy,
  type Profile as FacebookProfile,
  type StrategyOptions as FacebookOptions,
  type VerifyFunction as FacebookVerify,
} from 'passport-facebook';
import {
  Strategy as GoogleStrategy,
  type Profile as GoogleProfile,
  type StrategyOptions as GoogleOptions,
  type GoogleCallbackParameters,
  type VerifyCallback,
} from 'passport-google-oauth20';
import type { Config } from '../config.js';
import type { ProviderEndpoints } from '../providers/providerEndpoints.js';
import type { TicketStateStore } from './TicketStateStore.js';

export const FACEBOOK_SCOPES = ['ads_read', 'ads_management', 'email'];
export const GOOGLE_SCOPES = ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/adwords'];

export type PassportInstance = InstanceType<typeof Passport>;

/** What a strategy hands the callback route: the provider's answer, nothing stored yet. */
export interface ConsentResult {
  accessToken: string;
  refreshToken: string | undefined;
  /** The token endpoint's whole answer (expires_in, refresh_token_expires_in, scope, …). */
  params: Record<string, unknown>;
  profile: { id: string; displayName: string; email: string | undefined };
}

type Done = (error: Error | null, user?: ConsentResult) => void;

function consentResult(
  accessToken: string,
  refreshToken: string | undefined,
  params: unknown,
  profile: FacebookProfile | GoogleProfile,
): ConsentResult {
  return {
    accessToken,
    refreshToken: refreshToken || undefined,
    params: params && typeof params === 'object' ? (params as Record<string, unknown>) : {},
    profile: { id: profile.id, displayName: profile.displayName || profile.id, email: profile.emails?.[0]?.value },
  };
}

/** Adds `login_hint` to Facebook's dialog (the sandbox signs that user in; Facebook ignores it). */
class FacebookWithHint extends FacebookStrategy {
  override authorizationParams(options: ConstructorParameters<typeof Object>[0] & Parameters<FacebookStrategy['authorizationParams']>[0]): object {
    const params = super.authorizationParams(options) as Record<string, unknown>;
    const hint = (options as { loginHint?: unknown }).loginHint;
    return typeof hint === 'string' && hint !== '' ? { ...params, login_hint: hint } : params;
  }
}

/**
 * A Passport instance of its own (no global singleton, no session) with a strategy per enabled
 * provider, pointed at the URLs in `endpoints` (sandbox or real) and keeping `state` in the ticket row.
 */
export function buildPassport(config: Config, endpoints: ProviderEndpoints, store: TicketStateStore): PassportInstance {
  // Passport picks the store's signature by arity; its typings only list the 2- and 3-argument forms.
  const stateStore = store as unknown as NonNullable<FacebookOptions['store']>;
  const passport = new Passport();
  if (config.facebook.mode !== 'disabled') {
    const verify = (accessToken: string, refreshToken: string, params: unknown, profile: FacebookProfile, done: Done) =>
      done(null, consentResult(accessToken, refreshToken, params, profile));
    passport.use(
      'facebook',
      new FacebookWithHint(
        {
          clientID: config.facebook.clientId,
          clientSecret: config.facebook.clientSecret,
          callbackURL: `${config.publicUrl}/auth/facebook/callback`,
          authorizationURL: endpoints.facebook.authorizationURL,
          tokenURL: endpoints.facebook.tokenURL,
          profileURL: endpoints.facebook.profileURL,
          profileFields: ['id', 'displayName', 'emails'],
          enableProof: true,
          scope: FACEBOOK_SCOPES,
          store: stateStore,
        } satisfies FacebookOptions,
        // Arity 5 makes passport-oauth2 pass the token endpoint's params too.
        verify as unknown as FacebookVerify,
      ),
    );
  }
  if (config.google.mode !== 'disabled') {
    const verify = (accessToken: string, refreshToken: string, params: GoogleCallbackParameters, profile: GoogleProfile, done: VerifyCallback) =>
      done(null, consentResult(accessToken, refreshToken, params, profile));
    passport.use(
      'google',
      new GoogleStrategy(
        {
          clientID: config.google.clientId,
          clientSecret: config.google.clientSecret,
          callbackURL: `${config.publicUrl}/auth/google/callback`,
          authorizationURL: endpoints.google.authorizationURL,
          tokenURL: endpoints.google.tokenURL,
          userProfileURL: endpoints.google.userProfileURL,
          scope: GOOGLE_SCOPES,
          pkce: true,
          state: true,
          store: stateStore,
        } satisfies GoogleOptions,
        verify,
      ),
    );
  }
  return passport;
}
