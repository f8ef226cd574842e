import { requireTime } from './dates.js';

/** A stretch of time in which an integration tracked nothing; `endedAt: null` = still open. */
export interface UntrackedWindowLike {
  startedAt: Date;
  endedAt: Date | null;
}

export interface UntrackedRange {
  /** Count from here (default: from the first window). */
  since?: Date;
  /** Count up to here (default: no limit; open windows still stop at `now`). */
  until?: Date;
  /** Where open windows end; default the current time. */
  now?: Date;
}

/** A window attributed to an integration and its tenant, for per-tenant sums. */
export interface TenantUntrackedWindow extends UntrackedWindowLike {
  tenantId: string;
  integrationId: string;
}

const DAY_MS = 86_400_000;
/** Longest range `untrackedSecondsByDay` will chart (10 years): longer is a mistake, not a chart. */
export const MAX_CHART_DAYS = 3660;

/** The windows as [start, end) millisecond intervals clipped to the range, sorted and merged (their union). */
function mergedIntervals(windows: readonly UntrackedWindowLike[], range: UntrackedRange): Array<[number, number]> {
  if (!Array.isArray(windows)) throw new TypeError('windows must be an array');
  const now = range.now === undefined ? Date.now() : requireTime('range.now', range.now);
  const lower = range.since === undefined ? Number.NEGATIVE_INFINITY : requireTime('range.since', range.since);
  const upper = range.until === undefined ? Number.POSITIVE_INFINITY : requireTime('range.until', range.until);
  if (lower > upper) throw new RangeError(`range.since (${range.since?.toISOString()}) is after range.until (${range.until?.toISOString()})`);

  const clipped: Array<[number, number]> = [];
  windows.forEach((window, i) => {
    const start = requireTime(`windows[${i}].startedAt`, window.startedAt);
    const end = window.endedAt === null ? Math.max(start, now) : requireTime(`windows[${i}].endedAt`, window.endedAt);
    if (end < start) throw new RangeError(`windows[${i}] ends (${window.endedAt?.toISOString()}) before it starts (${window.startedAt.toISOString()})`);
    const from = Math.max(start, lower);
    const to = Math.min(end, upper);
    if (to > from) clipped.push([from, to]);
  });
  clipped.sort((a, b) => a[0] - b[0]);

  const merged: Array<[number, number]> = [];
  for (const [from, to] of clipped) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Whole seconds covered by the windows within the range: overlapping windows count once, open
 * windows run until `now`, and the range clips them. Throws on invalid dates or a window that
 * ends before it starts.
 */
export function untrackedSeconds(windows: readonly UntrackedWindowLike[], range: UntrackedRange = {}): number {
  return seconds(mergedIntervals(windows, range).reduce((sum, [from, to]) => sum + (to - from), 0));
}

/**
 * Untracked seconds per UTC day from `since` to `until` (every day of the range, zeros included),
 * for charts. Open windows run until `now` (default: the current time).
 */
export function untrackedSecondsByDay(
  windows: readonly UntrackedWindowLike[],
  range: { since: Date; until: Date; now?: Date },
): Array<{ day: string; seconds: number }> {
  const since = requireTime('range.since', range.since);
  const until = requireTime('range.until', range.until);
  const intervals = mergedIntervals(windows, range);
  const firstDay = Math.floor(since / DAY_MS) * DAY_MS;
  const dayCount = Math.max(0, Math.ceil((until - firstDay) / DAY_MS));
  if (dayCount > MAX_CHART_DAYS) throw new RangeError(`untrackedSecondsByDay: ${dayCount} days is more than ${MAX_CHART_DAYS}`);

  const days: Array<{ day: string; seconds: number }> = [];
  for (let d = 0; d < dayCount; d++) {
    const dayStart = firstDay + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const ms = intervals.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(to, dayEnd) - Math.max(from, dayStart)), 0);
    days.push({ day: new Date(dayStart).toISOString().slice(0, 10), seconds: seconds(ms) });
  }
  return days;
}

/**
 * Untracked seconds per tenant: each integration's windows are merged on their own, then summed
 * (two integrations down for the same hour are two untracked hours). Sorted by seconds, most first.
 */
export function untrackedSecondsByTenant(
  windows: readonly TenantUntrackedWindow[],
  range: UntrackedRange = {},
): Array<{ tenantId: string; seconds: number }> {
  const fixedRange: UntrackedRange = { ...range, now: range.now ?? new Date() };
  const byIntegration = new Map<string, { tenantId: string; windows: TenantUntrackedWindow[] }>();
  for (const window of windows) {
    const group = byIntegration.get(window.integrationId) ?? { tenantId: window.tenantId, windows: [] };
    group.windows.push(window);
    byIntegration.set(window.integrationId, group);
  }
  const byTenant = new Map<string, number>();
  for (const { tenantId, windows: own } of byIntegration.values()) {
    byTenant.set(tenantId, (byTenant.get(tenantId) ?? 0) + untrackedSeconds(own, fixedRange));
  }
  return [...byTenant]
    .map(([tenantId, total]) => ({ tenantId, seconds: total }))
    .sort((a, b) => b.seconds - a.seconds || a.tenantId.localeCompare(b.tenantId));
}
