import type { IntegrationStatus } from './integration-status.js';
import type { Provider } from './provider.js';

/** What the schedule needs to know about an integration (a row of `integrations` fits). */
export interface CheckScheduleInput {
  provider: Provider;
  status: IntegrationStatus;
  tokenExpiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  consecutiveTransientFailures: number;
  disconnectedAt?: Date | null;
}

/** The cadence, in seconds. `jitter` is the fraction of an interval a check may come early (0–1). */
export interface CheckSchedulePolicy {
  /** A healthy integration far from any end of life: daily (Google refresh tokens exercised at least this often). */
  intervalSeconds: number;
  /** Within `nearExpiryWindowSeconds` of the end of life (Facebook `expires_at` / `data_access_expires_at`): hourly. */
  nearExpiryIntervalSeconds: number;
  nearExpiryWindowSeconds: number;
  /** After consecutive transient failures: base · 2^(n−1), capped. */
  transientBaseSeconds: number;
  transientMaxSeconds: number;
  /** EXPIRED / REVOKED: nothing changes before a person consents, but a slow look catches recoveries. */
  deadIntervalSeconds: number;
  jitter: number;
}

export const DEFAULT_CHECK_SCHEDULE: Readonly<CheckSchedulePolicy> = Object.freeze({
  intervalSeconds: 24 * 3600,
  nearExpiryIntervalSeconds: 3600,
  nearExpiryWindowSeconds: 7 * 24 * 3600,
  transientBaseSeconds: 60,
  transientMaxSeconds: 3600,
  deadIntervalSeconds: 24 * 3600,
  jitter: 0.1,
});

/**
 * The earliest end of a credential's life that needs a person (Facebook token or data access; Google
 * time-based access — never the one-hour access token, see `statusExpiriesFromCheck`), or undefined.
 */
export function endOfLife(integration: Pick<CheckScheduleInput, 'tokenExpiresAt' | 'dataAccessExpiresAt'>): Date | undefined {
  const ends = [integration.tokenExpiresAt, integration.dataAccessExpiresAt].filter(
    (d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()) && d.getTime() > 0,
  );
  if (ends.length === 0) return undefined;
  return new Date(Math.min(...ends.map((d) => d.getTime())));
}

function checkInput(integration: CheckScheduleInput, now: Date, policy: CheckSchedulePolicy): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('nextCheckAt: `now` must be a valid Date');
  if (!Number.isInteger(integration.consecutiveTransientFailures) || integration.consecutiveTransientFailures < 0) {
    throw new RangeError(
      `nextCheckAt: consecutiveTransientFailures must be a non-negative integer, got ${String(integration.consecutiveTransientFailures)}`,
    );
  }
  if (!(policy.jitter >= 0 && policy.jitter < 1)) throw new RangeError(`nextCheckAt: policy.jitter must be in [0, 1), got ${policy.jitter}`);
}

/**
 * When the monitor should next check an integration; null when it is never checked (disconnected).
 * Healthy: daily. Within 7 days of the credential's end of life (Facebook token or data access; Google
 * time-based access): hourly, and never later than that end (nor than the start of the 7-day window). After transient failures: exponential back-off
 * (1 min, 2, 4, … up to 1 h), never later than the normal cadence. Jitter only ever makes a check
 * earlier (by up to `jitter` of the interval), so "at least daily" holds while checks do not stampede.
 * `random` returns a number in [0, 1), like Math.random.
 */
export function nextCheckAt(
  integration: CheckScheduleInput,
  now: Date,
  random: () => number = Math.random,
  policy: CheckSchedulePolicy = DEFAULT_CHECK_SCHEDULE,
): Date | null {
  checkInput(integration, now, policy);
  if (integration.status === 'DISCONNECTED' || integration.disconnectedAt) return null;
  const at = now.getTime();
  const dead = integration.status === 'EXPIRED' || integration.status === 'REVOKED';
  let intervalMs = (dead ? policy.deadIntervalSeconds : policy.intervalSeconds) * 1000;
  const hardPoints: number[] = [];

  if (!dead) {
    const end = endOfLife(integration);
    if (end) {
      const windowStart = end.getTime() - policy.nearExpiryWindowSeconds * 1000;
      if (windowStart <= at) intervalMs = Math.min(intervalMs, policy.nearExpiryIntervalSeconds * 1000);
      else hardPoints.push(windowStart);
      if (end.getTime() > at) hardPoints.push(end.getTime());
    }
  }
  const failures = integration.consecutiveTransientFailures;
  if (!dead && failures > 0) {
    const backoff = Math.min(policy.transientMaxSeconds, policy.transientBaseSeconds * 2 ** Math.min(failures - 1, 30));
    intervalMs = Math.min(intervalMs, backoff * 1000);
  }

  const r = random();
  const fraction = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  let next = at + Math.max(1000, Math.round(intervalMs * (1 - policy.jitter * fraction)));
  for (const point of hardPoints) if (point > at && point < next) next = point;
  return new Date(next);
}
