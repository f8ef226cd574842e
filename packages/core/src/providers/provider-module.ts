import type { CheckResult, SecurityEventResult } from '../check-result.js';
import type { NormalizedResponse } from './normalized-response.js';
import type { ProviderDescriptor } from './provider-descriptor.js';

/** Everything Relink knows about one provider: its facts and how to read its answers and pushes. Never throws. */
export interface ProviderModule {
  descriptor: ProviderDescriptor;
  classifyResponse(response: NormalizedResponse): CheckResult;
  classifySecurityEvent(event: unknown): SecurityEventResult;
}

/** What garbage classifies as: a fresh object each time, so callers may extend it. */
export function ignoredUnknownEvent(): SecurityEventResult {
  return { outcome: 'ignored', eventType: 'unknown' };
}
