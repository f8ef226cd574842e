import { INTEGRATION_STATUSES, INVALIDATION_CAUSES, PROVIDERS } from '@relink/core';
import { describe, expect, it } from 'vitest';
import { CAUSES_1764200000000, PROVIDERS_1764200000000, STATUSES_1764200000000 } from './sql-lists.js';

// When @relink/core grows a value, this fails: add a migration that widens the CHECK constraints.
describe('CHECK lists frozen in the migrations', () => {
  it('match @relink/core', () => {
    expect(PROVIDERS_1764200000000).toEqual([...PROVIDERS]);
    expect(STATUSES_1764200000000).toEqual([...INTEGRATION_STATUSES]);
    expect(CAUSES_1764200000000).toEqual([...INVALIDATION_CAUSES]);
  });
});
