import { sessionRead, sessionWrite } from './session-store.js';

const HOUR_MS = 3_600_000;

type Entries = Record<string, { at?: unknown; until?: unknown } | undefined>;

function entries(key: string): Entries {
  const all = sessionRead(key);
  return typeof all === 'object' && all ? (all as Entries) : {};
}

/**
 * Whether the user dismissed the banner with this fingerprint (a new invalidation has a new one)
 * in this browser session. A dismissal never outlasts `maxHours` — the host's current
 * `dismiss-hours` — even if it was recorded with a longer one. `key` is the storage key
 * (one per Relink origin).
 */
export function isDismissed(key: string, fingerprint: string, now: number, maxHours: number): boolean {
  const entry = entries(key)[fingerprint];
  return now < Math.min(Number(entry?.until), Number(entry?.at) + maxHours * HOUR_MS);
}

/** Hides the banner until `now + hours` (forgetting expired dismissals); returns that moment. */
export function dismiss(key: string, fingerprint: string, now: number, hours: number): number {
  const until = now + hours * HOUR_MS;
  const kept: Entries = { [fingerprint]: { at: now, until } };
  for (const [other, entry] of Object.entries(entries(key))) if (Number(entry?.until) > now) kept[other] ??= entry;
  sessionWrite(key, kept);
  return until;
}
