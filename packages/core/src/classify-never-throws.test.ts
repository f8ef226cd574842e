import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from './check-result.js';
import { classifyProviderResponse } from './classify-provider-response.js';
import { classifySecurityEvent } from './classify-security-event.js';
import { isInvalidationCause } from './invalidation-cause.js';
import { PROVIDERS } from './provider.js';
import { classifyGraphBatchResponse } from './providers/graph-batch.js';

function isCheckResult(result: CheckResult): boolean {
  switch (result.outcome) {
    case 'valid':
      return true;
    case 'invalid':
      return isInvalidationCause(result.cause);
    case 'transient':
      return result.retryAfterSeconds === undefined || (Number.isFinite(result.retryAfterSeconds) && result.retryAfterSeconds >= 0);
    default:
      return false;
  }
}

const provider = fc.constantFrom(...PROVIDERS);
const status = fc.oneof(fc.constant(null), fc.integer({ min: 100, max: 599 }), fc.constantFrom(200, 400, 401, 403, 429, 500));
/** Bodies shaped like provider answers, with any values in them. */
const shapedBody = fc.oneof(
  fc.record({ error: fc.oneof(fc.jsonValue(), fc.record({ code: fc.jsonValue(), error_subcode: fc.jsonValue(), message: fc.jsonValue(), is_transient: fc.jsonValue(), details: fc.jsonValue() }, { requiredKeys: [] })) }),
  fc.record({ data: fc.record({ is_valid: fc.jsonValue(), expires_at: fc.jsonValue(), data_access_expires_at: fc.jsonValue(), scopes: fc.jsonValue(), error: fc.jsonValue() }, { requiredKeys: [] }) }),
  fc.record({ access_token: fc.jsonValue(), expires_in: fc.jsonValue(), scope: fc.jsonValue(), exp: fc.jsonValue(), sub: fc.jsonValue() }, { requiredKeys: [] }),
);
const body = fc.oneof(fc.jsonValue(), fc.json(), fc.string(), shapedBody, shapedBody.map((b) => JSON.stringify(b)), fc.anything());
const headers = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('Retry-After', 'retry-after', 'X-App-Usage', 'x-business-use-case-usage', 'X-Ad-Account-Usage', 'x-other'), fc.oneof(fc.string(), fc.json(), fc.array(fc.string()))),
);

describe('classification never throws', () => {
  it('classifyProviderResponse: any status, body and headers → a well-formed result', () => {
    fc.assert(
      fc.property(provider, status, body, headers, fc.option(fc.date(), { nil: undefined }), (p, s, b, h, now) => {
        expect(isCheckResult(classifyProviderResponse(p, { status: s, body: b, headers: h, now, requiredScopes: ['ads_read'] }))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('classifyProviderResponse survives a response that is not even an object', () => {
    for (const p of PROVIDERS) {
      expect(classifyProviderResponse(p, null as never)).toEqual({ outcome: 'transient' });
      expect(classifyProviderResponse(p, { status: 200.5, body: {}, requiredScopes: 'x' as never })).toEqual({ outcome: 'transient' });
    }
  });

  it('classifyGraphBatchResponse: any input → one well-formed result per array item', () => {
    fc.assert(
      fc.property(fc.anything(), (items) => {
        const results = classifyGraphBatchResponse(items);
        expect(results.length).toBe(Array.isArray(items) ? items.length : results.length);
        expect(results.every(isCheckResult)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('classifySecurityEvent: any event → a result with an event type', () => {
    fc.assert(
      fc.property(provider, fc.oneof(fc.anything(), fc.jsonValue(), fc.record({ iat: fc.jsonValue(), events: fc.dictionary(fc.string(), fc.jsonValue()), user_id: fc.jsonValue() }, { requiredKeys: [] })), (p, event) => {
        const result = classifySecurityEvent(p, event);
        expect(typeof result.eventType).toBe('string');
        expect(['valid', 'invalid', 'transient', 'advisory', 'recheck', 'ignored']).toContain(result.outcome);
      }),
      { numRuns: 1000 },
    );
  });
});
