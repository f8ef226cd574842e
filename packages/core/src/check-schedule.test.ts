import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_SCHEDULE, endOfLife, nextCheckAt, type CheckScheduleInput } from './check-schedule.js';
import { INTEGRATION_STATUSES } from './integration-status.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const noJitter = () => 0;
const fullJitter = () => 0.999999;

function fb(overrides: Partial<CheckScheduleInput> = {}): CheckScheduleInput {
  return { provider: 'FACEBOOK', status: 'HEALTHY', tokenExpiresAt: null, dataAccessExpiresAt: null, consecutiveTransientFailures: 0, ...overrides };
}
function google(overrides: Partial<CheckScheduleInput> = {}): CheckScheduleInput {
  return { ...fb(overrides), provider: 'GOOGLE', ...overrides };
}
const delay = (d: Date | null) => (d ? d.getTime() - NOW.getTime() : null);

describe('nextCheckAt', () => {
  it('checks a healthy Facebook token far from its end daily', () => {
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: at(50 * DAY) }), NOW, noJitter))).toBe(DAY);
  });

  it('checks hourly within 7 days of expires_at or data_access_expires_at', () => {
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: at(6 * DAY) }), NOW, noJitter))).toBe(HOUR);
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: at(60 * DAY), dataAccessExpiresAt: at(3 * DAY) }), NOW, noJitter))).toBe(HOUR);
    expect(delay(nextCheckAt(fb({ status: 'EXPIRING_SOON', tokenExpiresAt: at(7 * DAY) }), NOW, noJitter))).toBe(HOUR);
  });

  it('never checks later than the start of the 7-day window or the end itself', () => {
    // Window opens in 10 hours: the daily check would miss it.
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: at(7 * DAY + 10 * HOUR) }), NOW, noJitter))).toBe(10 * HOUR);
    // Token ends in 20 minutes: check at that moment, not an hour later.
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: at(20 * 60_000) }), NOW, noJitter))).toBe(20 * 60_000);
  });

  it('ignores expires_at 0 (never) and invalid dates', () => {
    expect(endOfLife({ tokenExpiresAt: new Date(0), dataAccessExpiresAt: new Date(Number.NaN) })).toBeUndefined();
    expect(delay(nextCheckAt(fb({ tokenExpiresAt: new Date(0) }), NOW, noJitter))).toBe(DAY);
  });

  it('exercises Google refresh tokens at least daily, hourly near the end of time-based access', () => {
    expect(delay(nextCheckAt(google(), NOW, noJitter))).toBe(DAY);
    expect(delay(nextCheckAt(google(), NOW, fullJitter))).toBeLessThanOrEqual(DAY);
    expect(delay(nextCheckAt(google({ tokenExpiresAt: at(3 * DAY) }), NOW, noJitter))).toBe(HOUR);
  });

  it('backs off exponentially after transient failures, capped, never beyond the normal cadence', () => {
    const delays = [1, 2, 3, 4, 6, 7, 40].map((n) => delay(nextCheckAt(fb({ consecutiveTransientFailures: n }), NOW, noJitter)));
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000, 1_920_000, HOUR, HOUR]);
    expect(delay(nextCheckAt(fb({ status: 'UNREACHABLE', consecutiveTransientFailures: 2 }), NOW, noJitter))).toBe(120_000);
  });

  it('checks dead credentials slowly and disconnected ones never', () => {
    expect(delay(nextCheckAt(fb({ status: 'REVOKED', consecutiveTransientFailures: 3, tokenExpiresAt: at(HOUR) }), NOW, noJitter))).toBe(DAY);
    expect(nextCheckAt(fb({ status: 'DISCONNECTED' }), NOW)).toBeNull();
    expect(nextCheckAt(google({ disconnectedAt: NOW }), NOW)).toBeNull();
  });

  it('spreads checks with jitter that only makes them earlier', () => {
    const values = [0, 0.25, 0.5, 0.999].map((r) => delay(nextCheckAt(fb(), NOW, () => r)));
    expect(values).toEqual([DAY, DAY - 0.025 * DAY, DAY - 0.05 * DAY, Math.round(DAY - 0.0999 * DAY)]);
  });

  it('refuses bad input with a clear error', () => {
    expect(() => nextCheckAt(fb(), new Date('nope'))).toThrow(/`now` must be a valid Date/);
    expect(() => nextCheckAt(fb({ consecutiveTransientFailures: -1 }), NOW)).toThrow(/non-negative integer/);
    expect(() => nextCheckAt(fb(), NOW, noJitter, { ...DEFAULT_CHECK_SCHEDULE, jitter: 1 })).toThrow(/jitter/);
  });

  it('always answers a moment after now and at most a day later (property)', () => {
    const optionalDate = fc.option(fc.integer({ min: -30 * DAY, max: 120 * DAY }).map(at), { nil: null });
    fc.assert(
      fc.property(
        fc.constantFrom('FACEBOOK' as const, 'GOOGLE' as const),
        fc.constantFrom(...INTEGRATION_STATUSES.filter((s) => s !== 'DISCONNECTED')),
        optionalDate,
        optionalDate,
        fc.nat(100),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (provider, status, tokenExpiresAt, dataAccessExpiresAt, failures, r) => {
          const next = nextCheckAt({ provider, status, tokenExpiresAt, dataAccessExpiresAt, consecutiveTransientFailures: failures }, NOW, () => r);
          const d = delay(next);
          expect(d).not.toBeNull();
          expect(d!).toBeGreaterThan(0);
          expect(d!).toBeLessThanOrEqual(DAY);
        },
      ),
    );
  });
});
