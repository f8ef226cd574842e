import { SessionRecord } from './session-record.js';

interface Dismissal {
  at: number;
  until: number;
}
type DismissalMap = Record<string, Dismissal>;

function isDismissalMap(value: unknown): value is DismissalMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entry: unknown) =>
      typeof entry === 'object' && entry !== null && typeof (entry as Dismissal).at === 'number' && typeof (entry as Dismissal).until === 'number',
  );
}

const HOUR_MS = 3_600_000;

/**
 * Banners the user dismissed, for this browser session, keyed by the invalidation's fingerprint
 * (a new invalidation shows again). A dismissal never outlasts `maxHours` — the host's current
 * `dismiss-hours` — even if it was recorded with a longer one.
 */
export class Dismissals {
  private readonly record: SessionRecord<DismissalMap>;

  constructor(scope: string) {
    this.record = new SessionRecord(`relink:${scope}:dismissed`, isDismissalMap);
  }

  isDismissed(fingerprint: string, now: number, maxHours: number): boolean {
    const entry = this.record.read()?.[fingerprint];
    if (!entry) return false;
    return now < Math.min(entry.until, entry.at + Math.max(0, maxHours) * HOUR_MS);
  }

  /** Hides the banner until `now + hours`; returns that moment (ms since epoch). */
  dismiss(fingerprint: string, now: number, hours: number): number {
    const until = now + Math.max(0, hours) * HOUR_MS;
    const kept: DismissalMap = {};
    for (const [key, entry] of Object.entries(this.record.read() ?? {})) {
      if (entry.until > now) kept[key] = entry;
    }
    kept[fingerprint] = { at: now, until };
    this.record.write(kept);
    return until;
  }

  /** Earliest moment a current dismissal ends (to re-show the banner then), or null. */
  nextExpiry(now: number, maxHours: number): number | null {
    let next: number | null = null;
    for (const entry of Object.values(this.record.read() ?? {})) {
      const end = Math.min(entry.until, entry.at + Math.max(0, maxHours) * HOUR_MS);
      if (end > now && (next === null || end < next)) next = end;
    }
    return next;
  }
}
