import type { Provider } from '../provider.js';
import { facebook } from './facebook.js';
import { google } from './google.js';
import type { ProviderModule } from './provider-module.js';

/** Every provider Relink supports. A third provider = one descriptor + its classifier, registered here. */
const MODULES: Readonly<Record<Provider, ProviderModule>> = { FACEBOOK: facebook, GOOGLE: google };

/** The module of `p`; throws a clear error for a value that is not a Provider (a bug, not an input). */
export function providerModule(p: Provider): ProviderModule {
  const module = (MODULES as Partial<Record<string, ProviderModule>>)[p];
  if (!module) throw new TypeError(`"${String(p)}" is not a Provider (expected one of ${Object.keys(MODULES).join(', ')})`);
  return module;
}
