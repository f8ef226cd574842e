import { sandboxEndpoints, type ProviderEndpoints } from '@relink/provider-sandbox';
import type { Config } from '../config.js';

export type { ProviderEndpoints };

const FACEBOOK_GRAPH = 'https://graph.facebook.com/v19.0';

/** The providers' real URLs (Graph API v19.0, Google Ads API v17). */
export const REAL_ENDPOINTS: ProviderEndpoints = Object.freeze({
  facebook: Object.freeze({
    authorizationURL: 'https://www.facebook.com/v19.0/dialog/oauth',
    tokenURL: `${FACEBOOK_GRAPH}/oauth/access_token`,
    profileURL: `${FACEBOOK_GRAPH}/me`,
    graphApiBaseURL: FACEBOOK_GRAPH,
  }),
  google: Object.freeze({
    authorizationURL: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenURL: 'https://oauth2.googleapis.com/token',
    userProfileURL: 'https://www.googleapis.com/oauth2/v3/userinfo',
    tokenInfoURL: 'https://oauth2.googleapis.com/tokeninfo',
    revokeURL: 'https://oauth2.googleapis.com/revoke',
    adsApiBaseURL: 'https://googleads.googleapis.com/v17',
    riscConfigurationURL: 'https://accounts.google.com/.well-known/risc-configuration',
  }),
});

/** Where the sandbox router is mounted for this config. */
export function sandboxPublicUrl(config: Config): string {
  return `${config.publicUrl}/sandbox`;
}

/** Per provider: the sandbox's URLs when that provider runs in sandbox mode, the real ones otherwise. */
export function providerEndpoints(config: Config): ProviderEndpoints {
  const sandbox = sandboxEndpoints(sandboxPublicUrl(config));
  return {
    facebook: config.facebook.mode === 'sandbox' ? sandbox.facebook : { ...REAL_ENDPOINTS.facebook },
    google: config.google.mode === 'sandbox' ? sandbox.google : { ...REAL_ENDPOINTS.google },
  };
}
