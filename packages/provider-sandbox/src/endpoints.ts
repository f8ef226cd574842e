import { FACEBOOK_DEFAULT_VERSION, GOOGLE_ADS_VERSION } from './context.js';

export interface ProviderEndpoints {
  facebook: { authorizationURL: string; tokenURL: string; profileURL: string; graphApiBaseURL: string };
  google: {
    authorizationURL: string;
    tokenURL: string;
    /** Ends in `/userinfo`, so passport-google-oauth20 parses it as OpenID. */
    userProfileURL: string;
    tokenInfoURL: string;
    revokeURL: string;
    adsApiBaseURL: string;
    riscConfigurationURL: string;
  };
}

/** The sandbox's provider URLs for a router mounted at `publicUrl`. */
export function sandboxEndpoints(publicUrl: string): ProviderEndpoints {
  const base = publicUrl.replace(/\/+$/, '');
  const graph = `${base}/facebook/${FACEBOOK_DEFAULT_VERSION}`;
  const google = `${base}/google`;
  return {
    facebook: {
      authorizationURL: `${graph}/dialog/oauth`,
      tokenURL: `${graph}/oauth/access_token`,
      profileURL: `${graph}/me`,
      graphApiBaseURL: graph,
    },
    google: {
      authorizationURL: `${google}/o/oauth2/v2/auth`,
      tokenURL: `${google}/token`,
      userProfileURL: `${google}/oauth2/v3/userinfo`,
      tokenInfoURL: `${google}/oauth2/v3/tokeninfo`,
      revokeURL: `${google}/revoke`,
      adsApiBaseURL: `${google}/ads/${GOOGLE_ADS_VERSION}`,
      riscConfigurationURL: `${google}/.well-known/risc-configuration`,
    },
  };
}
