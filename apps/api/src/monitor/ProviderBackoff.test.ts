import { describe, expect, it } from 'vitest';
import { rowsReported, summarizeBatch } from './checkReport.js';
import type { LeasedRow } from './IntegrationLeases.js';
import { ProviderBackoff } from './ProviderBackoff.js';

describe('ProviderBackoff', () => {
  const clock = { now: 1_000_000 };
  const make = () => new ProviderBackoff({ baseSeconds: 2, maxSeconds: 60, jitter: 0 }, () => clock.now, () => 0);

  it('pauses a failing provider exponentially, capped, and only that provider', () => {
    const backoff = make();
    expect(backoff.readyProviders()).toEqual(['FACEBOOK', 'GOOGLE']);
    const pauses = [1, 2, 3, 4, 5, 6, 7].map(() => backoff.recordFailure('FACEBOOK') - clock.now);
    expect(pauses).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    expect(backoff.isPaused('FACEBOOK')).toBe(true);
    expect(backoff.readyProviders()).toEqual(['GOOGLE']);
  });

  it('waits as long as the provider asked when that is longer (Retry-After, usage headers)', () => {
    const backoff = make();
    expect(backoff.recordFailure('GOOGLE', 300) - clock.now).toBe(300_000);
    expect(make().recordThrottle('FACEBOOK', 45) - clock.now).toBe(45_000);
    const capped = new ProviderBackoff({ baseSeconds: 2, maxSeconds: 60, jitter: 0, maxAskedSeconds: 120 }, () => clock.now, () => 0);
    expect(capped.recordFailure('FACEBOOK', 86_400) - clock.now).toBe(120_000);
  });

  it('resets the exponent after a real answer and resumes when the pause is over', () => {
    const backoff = make();
    backoff.recordFailure('FACEBOOK');
    backoff.recordFailure('FACEBOOK');
    backoff.recordSuccess('FACEBOOK');
    expect(backoff.consecutiveFailures('FACEBOOK')).toBe(0);
    expect(backoff.recordFailure('FACEBOOK') - clock.now).toBeGreaterThanOrEqual(2_000);
    clock.now += 10_000;
    expect(backoff.isPaused('FACEBOOK')).toBe(false);
  });

  it('refuses a nonsensical policy', () => {
    expect(() => new ProviderBackoff({ baseSeconds: 0 })).toThrow(/baseSeconds/);
  });
});

describe('summarizeBatch', () => {
  const started = new Date('2026-03-01T12:00:00Z');
  const row = (id: string, provider: 'FACEBOOK' | 'GOOGLE', checkedAt: Date | null, failures: number): LeasedRow => ({
    id,
    provider,
    status: 'HEALTHY',
    tokenExpiresAt: null,
    dataAccessExpiresAt: null,
    consecutiveTransientFailures: failures,
    lastCheckedAt: checkedAt,
    disconnectedAt: null,
    credentialVersion: 1,
  });

  it('counts checked and transient rows per provider and reads the waits a provider asked for', () => {
    const later = new Date(started.getTime() + 500);
    const rows = [row('a', 'FACEBOOK', later, 1), row('b', 'FACEBOOK', later, 2), row('c', 'GOOGLE', later, 0), row('d', 'GOOGLE', null, 0)];
    const result = [
      { integrationId: 'a', outcome: 'transient', retryAfterSeconds: 30 },
      { integrationId: 'b', outcome: 'transient', result: { outcome: 'transient', retryAfterSeconds: 90 } },
    ];
    expect(summarizeBatch(rows, started, result)).toEqual([
      { provider: 'FACEBOOK', checked: 2, transient: 2, askedSeconds: 90 },
      { provider: 'GOOGLE', checked: 1, transient: 0 },
    ]);
    expect(summarizeBatch(rows, started, { backoff: { GOOGLE: 120 } })[1]).toEqual({ provider: 'GOOGLE', checked: 1, transient: 0, askedSeconds: 120 });
    expect(summarizeBatch(rows, started, undefined)[0]).toEqual({ provider: 'FACEBOOK', checked: 2, transient: 2 });
  });

  it('takes the rows as the checker reported them only when it reported every one', () => {
    const a = row('a', 'FACEBOOK', started, 0);
    const b = row('b', 'GOOGLE', started, 1);
    const result = [{ integrationId: 'a', outcome: 'valid', integration: a }, { integrationId: 'b', outcome: 'transient', integration: b }];
    expect(rowsReported(result, ['b', 'a'])).toEqual([b, a]);
    expect(rowsReported(result, ['a', 'b', 'c'])).toBeUndefined();
    expect(rowsReported([{ integrationId: 'a', outcome: 'valid' }], ['a'])).toBeUndefined();
    expect(rowsReported({ results: [{ integration: { id: 'a', status: 'HEALTHY', provider: 'MYSPACE' } }] }, ['a'])).toBeUndefined();
  });
});
