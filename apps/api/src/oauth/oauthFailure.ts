/** Why an OAuth flow ended without storing anything. Each has a page (what happened, what to do) and a status. */
export type OAuthFailureCode =
  | 'unknown_provider'
  | 'provider_disabled'
  | 'missing_ticket'
  | 'ticket_unknown'
  | 'ticket_used'
  | 'ticket_expired'
  | 'invalid_state'
  | 'access_denied'
  | 'provider_error'
  | 'provider_unavailable'
  | 'missing_permissions'
  | 'no_refresh_token'
  | 'no_ad_accounts'
  | 'invalid_callback'
  | 'internal_error';

export interface OAuthFailureCopy {
  status: number;
  title: string;
  message: string;
  action: string;
}

const START_AGAIN = 'Go back to the app and press "Refresh token" (or "Connect") again to get a new link.';

export const OAUTH_FAILURES: Record<OAuthFailureCode, OAuthFailureCopy> = {
  unknown_provider: { status: 404, title: 'Unknown provider', message: 'Relink connects Facebook and Google only.', action: 'Check the link you followed.' },
  provider_disabled: {
    status: 404,
    title: 'Provider not configured',
    message: 'This Relink server has no app credentials for this provider, so it cannot connect to it.',
    action: 'Ask the Relink operator to configure the provider.',
  },
  missing_ticket: { status: 400, title: 'Link incomplete', message: 'This sign-in link has no ticket.', action: START_AGAIN },
  ticket_unknown: { status: 400, title: 'Link not recognised', message: 'This sign-in link is not one Relink issued.', action: START_AGAIN },
  ticket_used: {
    status: 400,
    title: 'Link already used',
    message: 'Each sign-in link works once, and this one was already used. Nothing was changed.',
    action: START_AGAIN,
  },
  ticket_expired: {
    status: 400,
    title: 'Link expired',
    message: 'Sign-in links work for 10 minutes and this one is older. Nothing was changed.',
    action: START_AGAIN,
  },
  invalid_state: {
    status: 403,
    title: 'Sign-in could not be verified',
    message: 'The answer from the provider did not carry the sign-in state Relink sent (it was missing, altered, already used or too old). Nothing was changed.',
    action: START_AGAIN,
  },
  access_denied: {
    status: 400,
    title: 'Access not granted',
    message: 'The sign-in was cancelled or the permissions were declined, so no token was stored. Nothing was changed.',
    action: 'Try again and press Allow / Continue on the provider’s page, keeping the ads permissions selected.',
  },
  provider_error: {
    status: 502,
    title: 'The provider refused the sign-in',
    message: 'The provider answered the sign-in with an error. Nothing was changed.',
    action: `Wait a moment, then try again. ${START_AGAIN}`,
  },
  provider_unavailable: {
    status: 503,
    title: 'The provider did not answer',
    message: 'The provider did not answer in time or had a temporary problem. Nothing was changed.',
    action: `Try again in a minute. ${START_AGAIN}`,
  },
  missing_permissions: {
    status: 400,
    title: 'Ads permissions missing',
    message: 'The sign-in worked but the ads permissions were not granted, so Relink cannot track the ad accounts. Nothing was changed.',
    action: 'Try again and keep every requested permission selected.',
  },
  no_refresh_token: {
    status: 502,
    title: 'No long-term access granted',
    message: 'Google did not hand out a refresh token, so Relink could not keep access. Nothing was changed.',
    action: 'Remove Relink under "Third-party apps with account access" in your Google account, then try again.',
  },
  no_ad_accounts: {
    status: 400,
    title: 'No ad accounts found',
    message: 'The account you signed in with cannot reach any ad account, so there is nothing to connect. Nothing was changed.',
    action: 'Sign in with the account that manages the ads, or get access to the ad account first.',
  },
  invalid_callback: {
    status: 400,
    title: 'Incomplete answer',
    message: 'The provider sent Relink back without an authorization code. Nothing was changed.',
    action: START_AGAIN,
  },
  internal_error: {
    status: 500,
    title: 'Something went wrong in Relink',
    message: 'Relink could not finish the sign-in. Nothing was changed.',
    action: `Try again; if it keeps happening, contact support. ${START_AGAIN}`,
  },
};

/** A failed flow: the code, and a log-only reason (never a token). */
export class OAuthFailure extends Error {
  constructor(
    readonly code: OAuthFailureCode,
    readonly reason: string,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'OAuthFailure';
  }
}
