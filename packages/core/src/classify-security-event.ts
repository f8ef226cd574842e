import type { SecurityEventResult } from './check-result.js';
import type { Provider } from './provider.js';
import { providerModule } from './providers/provider-modules.js';

/**
 * A decoded provider push: Facebook's deauthorize payload `{algorithm, issued_at, user_id}` or a
 * Google RISC security event token. Never throws on the event: garbage is
 * `{ outcome: 'ignored', eventType: 'unknown' }`.
 */
export function classifySecurityEvent(provider: Provider, event: unknown): SecurityEventResult {
  return providerModule(provider).classifySecurityEvent(event);
}
