import { sessionRead, sessionWrite } from './session-store.js';

const HOUR_MS = 3_600_000;

/**
 * Banners the user dismissed, keyed by the invalidation's fingerprint (a new invalidation shows
 * again). A dismissal never outlasts `maxHours` — the host's current `dismiss-hours` — even if it
 * was recorded with a longer one. `scope` is the Relink origin.
 */
export class Dismissals {
  readonly #key: string;

  constructor(scope: string) {
    this.#key = `relink:${scope}:dismissed`;
  }

  #all(): Record<string, { at?: unknown; until?: unknown } | undefined> {
    const all = sessionRead(this.#key);
    return typeof all === 'object' && all ? (all as Record<string, { at?: unknown; until?: unknown }>) : {};
  }

  isDismissed(fingerprint: string, now: number, maxHours: number): boolean {
    const entry = this.#all()[fingerprint];
    return now < Math.min(Number(entry?.until), Number(entry?.at) + maxHours * HOUR_MS);
  }

  /** Hides the banner until `now + hours`; returns that moment (ms since epoch). */
  dismiss(fingerprint: string, now: number, hours: number): number {
    const until = now + hours * HOUR_MS;
    const kept: Record<string, unknown> = { [fingerprint]: { at: now, until } };
    for (const [key, entry] of Object.entries(this.#all())) if (Number(entry?.until) > now) kept[key] ??= entry;
    sessionWrite(this.#key, kept);
    return until;
  }
}
