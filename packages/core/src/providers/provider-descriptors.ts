import type { InvalidationCause } from '../invalidation-cause.js';
import type { Provider } from '../provider.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { providerModule } from './provider-modules.js';

/** The descriptor of `p`; throws on a value that is not a Provider. */
export function providerDescriptor(p: Provider): ProviderDescriptor {
  return providerModule(p).descriptor;
}

/** The causes that exist for `provider`: what its sandbox can simulate and its classifier can return. */
export function causesForProvider(provider: Provider): InvalidationCause[] {
  return [...providerDescriptor(provider).causes];
}
