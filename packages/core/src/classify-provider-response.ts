import type { CheckResult, ProviderResponse } from './check-result.js';
import type { Provider } from './provider.js';
import { normalizeResponse } from './providers/normalized-response.js';
import { providerModule } from './providers/provider-modules.js';

/**
 * What a provider's answer says about the credential that made the call. Never throws on odd
 * responses (only on a `provider` that is not one): unknown failures are transient unless they
 * clearly concern the credential.
 */
export function classifyProviderResponse(provider: Provider, response: ProviderResponse): CheckResult {
  return providerModule(provider).classifyResponse(normalizeResponse(response));
}
