import { describe, expect, it } from 'vitest';
import type { CheckResult, SecurityEventResult } from './check-result.js';
import { classifyProviderResponse } from './classify-provider-response.js';
import { classifySecurityEvent } from './classify-security-event.js';
import { isProvider } from './provider.js';
import { loadSharedFixtures, sharedFixturesDir } from './test-support/shared-fixtures.js';

const fixtures = loadSharedFixtures();
const PUSHED = new Set(['risc-event', 'deauthorize', 'deauthorize-callback']);

/** Dates as ISO strings, the way fixtures write them. */
function serialized(result: CheckResult | SecurityEventResult): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

describe(`shared fixtures (${sharedFixturesDir()})`, () => {
  it('are there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    if (!isProvider(fixture.provider)) throw new Error(`${fixture.file}: provider "${fixture.provider}" is not a Provider`);
    const result = PUSHED.has(fixture.request)
      ? classifySecurityEvent(fixture.provider, fixture.body)
      : classifyProviderResponse(fixture.provider, {
          status: fixture.status,
          body: fixture.body,
          headers: fixture.headers,
          now: fixture.context?.now ? new Date(fixture.context.now) : undefined,
          requiredScopes: fixture.context?.requiredScopes,
        });
    expect(serialized(result)).toMatchObject(fixture.expect);
    // Nothing the fixture leaves out may contradict it: an outcome without a cause has none.
    if (fixture.expect['cause'] === undefined) expect(result).not.toHaveProperty('cause');
  });
});
