import type { InvalidationCause } from '../invalidation-cause.js';
import type { Provider } from '../provider.js';
import { facebookDescriptor } from './facebook.js';
import { googleDescriptor } from './google.js';
import type { ProviderDescriptor } from './provider-descriptor.js';

const DESCRIPTORS: Readonly<Record<Provider, ProviderDescriptor>> = { FACEBOOK: facebookDescriptor, GOOGLE: googleDescriptor };

/** The descriptor of `p`; throws on a value that is not a Provider. */
export function providerDescriptor(p: Provider): ProviderDescriptor {
  const descriptor = (DESCRIPTORS as Partial<Record<string, ProviderDescriptor>>)[p];
  if (!descriptor) throw new TypeError(`providerDescriptor: "${String(p)}" is not a Provider (expected FACEBOOK or GOOGLE)`);
  return descriptor;
}

/** The causes that exist for `provider`: what its sandbox can simulate and its classifier can return. */
export function causesForProvider(provider: Provider): InvalidationCause[] {
  return [...providerDescriptor(provider).causes];
}
