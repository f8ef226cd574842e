import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CHART_DAYS, untrackedSeconds, untrackedSecondsByDay, untrackedSecondsByTenant, type UntrackedWindowLike } from './windows.js';

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const s = (seconds: number) => new Date(T0 + seconds * 1000);
const w = (from: number, to: number | null): UntrackedWindowLike => ({ startedAt: s(from), endedAt: to === null ? null : s(to) });

describe('untrackedSeconds', () => {
  it('sums disjoint windows and counts overlaps once', () => {
    expect(untrackedSeconds([w(0, 10), w(20, 30)], { now: s(100) })).toBe(20);
    expect(untrackedSeconds([w(0, 10), w(5, 15), w(15, 20), w(2, 3)], { now: s(100) })).toBe(20);
    expect(untrackedSeconds([], { now: s(100) })).toBe(0);
  });

  it('counts open windows up to now', () => {
    expect(untrackedSeconds([w(40, null)], { now: s(100) })).toBe(60);
    expect(untrackedSeconds([w(200, null)], { now: s(100) })).toBe(0);
    const recent = { startedAt: new Date(Date.now() - 5000), endedAt: null };
    expect(untrackedSeconds([recent])).toBeGreaterThanOrEqual(5);
  });

  it('clips to since/until', () => {
    const windows = [w(0, 100), w(150, null)];
    expect(untrackedSeconds(windows, { since: s(50), now: s(200) })).toBe(100);
    expect(untrackedSeconds(windows, { until: s(160), now: s(200) })).toBe(110);
    expect(untrackedSeconds(windows, { since: s(90), until: s(160), now: s(200) })).toBe(20);
    expect(untrackedSeconds(windows, { since: s(300), until: s(400), now: s(500) })).toBe(100);
    expect(untrackedSeconds(windows, { since: s(300), until: s(400), now: s(200) })).toBe(0);
  });

  it('rounds down to whole seconds of the union', () => {
    const half = { startedAt: new Date(T0), endedAt: new Date(T0 + 1500) };
    expect(untrackedSeconds([half, { startedAt: new Date(T0 + 1000), endedAt: new Date(T0 + 2999) }], { now: s(10) })).toBe(2);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => untrackedSeconds([w(10, 5)], { now: s(100) })).toThrow(/windows\[0\] ends .* before it starts/);
    expect(() => untrackedSeconds([{ startedAt: new Date('x'), endedAt: null }])).toThrow(/windows\[0\].startedAt must be a valid Date/);
    expect(() => untrackedSeconds([w(0, 1)], { since: s(10), until: s(5) })).toThrow(/is after range.until/);
    expect(() => untrackedSeconds([w(0, 1)], { now: new Date(NaN) })).toThrow(/range.now/);
    expect(() => untrackedSeconds('nope' as never)).toThrow(/windows must be an array/);
  });
});

describe('untrackedSecondsByDay', () => {
  it('splits the union by UTC day, zeros included, within the range', () => {
    const windows = [w(86_400 - 3600, 86_400 + 7200), w(86_400 + 3600, 86_400 + 10_800), w(3 * 86_400 - 60, null)];
    expect(untrackedSecondsByDay(windows, { since: s(0), until: s(3 * 86_400 + 30), now: s(3 * 86_400 + 30) })).toEqual([
      { day: '2025-03-01', seconds: 3600 },
      { day: '2025-03-02', seconds: 10_800 },
      { day: '2025-03-03', seconds: 60 },
      { day: '2025-03-04', seconds: 30 },
    ]);
  });

  it('a range starting mid-day clips that first day', () => {
    expect(untrackedSecondsByDay([w(0, 86_400)], { since: s(43_200), until: s(86_400), now: s(86_400) })).toEqual([
      { day: '2025-03-01', seconds: 43_200 },
    ]);
    expect(untrackedSecondsByDay([w(0, 10)], { since: s(5), until: s(5), now: s(100) })).toEqual([{ day: '2025-03-01', seconds: 0 }]);
  });

  it('refuses absurd ranges and invalid dates', () => {
    expect(() => untrackedSecondsByDay([], { since: new Date(0), until: new Date('2020-01-01') })).toThrow(new RegExp(`more than ${MAX_CHART_DAYS}`));
    expect(() => untrackedSecondsByDay([], { since: new Date('x'), until: s(0) })).toThrow(/range.since/);
  });
});

describe('untrackedSecondsByTenant', () => {
  it('merges per integration, sums per tenant, sorts by seconds', () => {
    const windows = [
      { ...w(0, 100), tenantId: 'a', integrationId: 'a1' },
      { ...w(50, 150), tenantId: 'a', integrationId: 'a1' },
      { ...w(0, 100), tenantId: 'a', integrationId: 'a2' },
      { ...w(0, 30), tenantId: 'b', integrationId: 'b1' },
      { ...w(190, null), tenantId: 'c', integrationId: 'c1' },
    ];
    expect(untrackedSecondsByTenant(windows, { now: s(220) })).toEqual([
      { tenantId: 'a', seconds: 250 },
      { tenantId: 'b', seconds: 30 },
      { tenantId: 'c', seconds: 30 },
    ]);
    expect(untrackedSecondsByTenant([])).toEqual([]);
  });
});

// ---- properties: compare with a brute-force second-by-second count ----

const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 200 }), fc.boolean())
  .map(([start, length, open]) => w(start, open ? null : start + length));
const windowsArb = fc.array(windowArb, { maxLength: 12 });
const NOW = 500;

function bruteForce(windows: readonly UntrackedWindowLike[], since = 0, until = 1000): number {
  let count = 0;
  for (let second = since; second < until; second++) {
    const t = T0 + second * 1000;
    if (windows.some((x) => x.startedAt.getTime() <= t && t < (x.endedAt ?? s(NOW)).getTime())) count++;
  }
  return count;
}

describe('window math properties', () => {
  it('the merged total equals the length of the union', () => {
    fc.assert(fc.property(windowsArb, (windows) => untrackedSeconds(windows, { now: s(NOW) }) === bruteForce(windows)));
  });

  it('clipping equals counting only inside the range', () => {
    fc.assert(
      fc.property(windowsArb, fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 300 }), (windows, since, length) => {
        const range = { since: s(since), until: s(since + length), now: s(NOW) };
        return untrackedSeconds(windows, range) === bruteForce(windows, since, since + length);
      }),
    );
  });

  it('monotone: more windows or a wider range never count less; never more than the range', () => {
    fc.assert(
      fc.property(windowsArb, windowArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (windows, extra, since, length) => {
        const range = { since: s(since), until: s(since + length), now: s(NOW) };
        const base = untrackedSeconds(windows, range);
        expect(untrackedSeconds([...windows, extra], range)).toBeGreaterThanOrEqual(base);
        expect(untrackedSeconds(windows, { ...range, since: s(Math.max(0, since - 50)), until: s(since + length + 50) })).toBeGreaterThanOrEqual(base);
        expect(base).toBeLessThanOrEqual(length);
        // Order does not matter.
        expect(untrackedSeconds([...windows].reverse(), range)).toBe(base);
      }),
    );
  });

  it('the days add up to the total', () => {
    const dayWindow = fc
      .tuple(fc.integer({ min: 0, max: 5 * 86_400 }), fc.integer({ min: 0, max: 2 * 86_400 }))
      .map(([start, length]) => w(start, start + length));
    fc.assert(
      fc.property(fc.array(dayWindow, { maxLength: 8 }), fc.integer({ min: 0, max: 3 * 86_400 }), (windows, since) => {
        const range = { since: s(since), until: s(6 * 86_400), now: s(7 * 86_400) };
        const days = untrackedSecondsByDay(windows, range);
        return days.reduce((sum, d) => sum + d.seconds, 0) === untrackedSeconds(windows, range);
      }),
    );
  });
});
