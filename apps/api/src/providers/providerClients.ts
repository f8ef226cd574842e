import type { Provider } from '@relink/core';
import type { Config } from '../config.js';
import { FacebookGraphClient } from './FacebookGraphClient.js';
import { GoogleClient } from './GoogleClient.js';
import { providerEndpoints, type ProviderEndpoints } from './providerEndpoints.js';

/** The clients of the providers that are enabled (sandbox or real); a disabled provider has none. */
export interface ProviderClients {
  endpoints: ProviderEndpoints;
  facebook: FacebookGraphClient | undefined;
  google: GoogleClient | undefined;
}

export function createProviderClients(config: Config): ProviderClients {
  const endpoints = providerEndpoints(config);
  const facebook =
    config.facebook.mode === 'disabled'
      ? undefined
      : new FacebookGraphClient(endpoints.facebook.graphApiBaseURL, endpoints.facebook.tokenURL, {
          appId: config.facebook.clientId,
          appSecret: config.facebook.clientSecret,
        });
  const google =
    config.google.mode === 'disabled'
      ? undefined
      : new GoogleClient(endpoints.google, { clientId: config.google.clientId, clientSecret: config.google.clientSecret }, config.googleAdsDeveloperToken);
  return { endpoints, facebook, google };
}

export function providerEnabled(config: Config, provider: Provider): boolean {
  return (provider === 'FACEBOOK' ? config.facebook : config.google).mode !== 'disabled';
}

/** `FACEBOOK` → `facebook` (route segment, passport strategy name). */
export function providerSlug(provider: Provider): 'facebook' | 'google' {
  return provider === 'FACEBOOK' ? 'facebook' : 'google';
}

export function providerFromSlug(slug: string): Provider | undefined {
  if (slug === 'facebook') return 'FACEBOOK';
  if (slug === 'google') return 'GOOGLE';
  return undefined;
}
