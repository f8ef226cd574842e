import type { Provider } from '@relink/core';
import type { RelinkDatabase } from '@relink/db';

/**
 * The monitor's claim on integrations, kept in `integrations.next_check_at` itself (no extra table).
 *
 * A sweep claims due rows with SKIP LOCKED and moves `next_check_at` to the lease's end, so no other
 * worker takes them; if the worker dies, the lease runs out and the row is due again. A lease value
 * is recognisable by its sub-millisecond digits: `.xxx500` µs = leased, `.xxx501` = leased and a
 * check was requested meanwhile (it runs again as soon as the current one finishes). Schedules are
 * written with millisecond precision (JS dates, `date_trunc`), so they never look like a lease.
 */
export const LEASE_MARK_US = 500;

/** A claimed set of integrations: the job carries `lease` back to prove it still holds them. */
export interface Claim {
  lease: string;
  ids: Array<{ id: string; provider: Provider }>;
}

export interface LeasedRow {
  id: string;
  provider: Provider;
  status: string;
  tokenExpiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  consecutiveTransientFailures: number;
  lastCheckedAt: Date | null;
  disconnectedAt: Date | null;
  credentialVersion: number | null;
}

interface RawRow {
  id: string;
  provider: Provider;
  status: string;
  token_expires_at: Date | string | null;
  data_access_expires_at: Date | string | null;
  consecutive_transient_failures: number;
  last_checked_at: Date | string | null;
  disconnected_at: Date | string | null;
  credential_version: number | null;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

/**
 * SQL for `next_check_at` when the check held under `lease` ends with `next`: the check was requested
 * again during the lease → due at once; still our lease → `next`; anything else (someone rescheduled
 * it meanwhile) stands. The three arguments are SQL expressions.
 */
export function releasedNextCheckSql(current: string, lease: string, next: string): string {
  return `CASE WHEN ${current} = ${lease} + interval '1 microsecond' AND ${next} IS NOT NULL THEN date_trunc('milliseconds', now())
               WHEN ${current} IN (${lease}, ${lease} + interval '1 microsecond') THEN ${next}
               ELSE ${current} END`;
}

const IS_LEASED = `(extract(microseconds FROM next_check_at)::bigint % 1000) IN (${LEASE_MARK_US}, ${LEASE_MARK_US + 1})`;
const SAME_LEASE = `next_check_at IN ($2::timestamptz, $2::timestamptz + interval '1 microsecond')`;

export class IntegrationLeases {
  constructor(private readonly database: RelinkDatabase) {}

  /**
   * Claims up to `limit` due integrations of the given providers for `leaseSeconds`:
   * `UPDATE … WHERE id IN (SELECT … WHERE next_check_at <= now() AND disconnected_at IS NULL
   * ORDER BY next_check_at LIMIT n FOR NO KEY UPDATE SKIP LOCKED) RETURNING id`. NO KEY: a row that
   * is only being pointed at (a history row or window being inserted holds a key-share lock on it)
   * is not skipped — that is exactly when a check was just requested for it.
   */
  async claimDue(limit: number, leaseSeconds: number, providers: readonly Provider[]): Promise<Claim | null> {
    if (limit <= 0 || providers.length === 0) return null;
    const { rows } = await this.database.executeSql<{ id: string; provider: Provider; lease: string }>(
      `UPDATE integrations
          SET next_check_at = date_trunc('milliseconds', now() + make_interval(secs => $2)) + interval '${LEASE_MARK_US} microseconds'
        WHERE id IN (SELECT id FROM integrations
                      WHERE next_check_at <= now() AND disconnected_at IS NULL AND provider = ANY($3::text[])
                      ORDER BY next_check_at LIMIT $1 FOR NO KEY UPDATE SKIP LOCKED)
        RETURNING id, provider, next_check_at::text AS lease`,
      [limit, leaseSeconds, providers],
    );
    const first = rows[0];
    if (!first) return null;
    return { lease: first.lease, ids: rows.map((r) => ({ id: r.id, provider: r.provider })) };
  }

  /** The rows of `ids` still held under `lease` (a retried job after a crash still holds them). */
  async held(ids: readonly string[], lease: string): Promise<LeasedRow[]> {
    return this.select(`id = ANY($1::uuid[]) AND ${SAME_LEASE} AND disconnected_at IS NULL`, [ids, lease]);
  }

  /** Current state of `ids` (after a check). */
  async read(ids: readonly string[]): Promise<LeasedRow[]> {
    return this.select('id = ANY($1::uuid[])', [ids]);
  }

  private async select(where: string, values: unknown[]): Promise<LeasedRow[]> {
    const { rows } = await this.database.executeSql<RawRow>(
      `SELECT id, provider, status, token_expires_at, data_access_expires_at, consecutive_transient_failures,
              last_checked_at, disconnected_at, credential_version
         FROM integrations WHERE ${where}`,
      values,
    );
    return rows.map((r) => ({
      id: r.id,
      provider: r.provider,
      status: r.status,
      tokenExpiresAt: date(r.token_expires_at),
      dataAccessExpiresAt: date(r.data_access_expires_at),
      consecutiveTransientFailures: Number(r.consecutive_transient_failures),
      lastCheckedAt: date(r.last_checked_at),
      disconnectedAt: date(r.disconnected_at),
      credentialVersion: r.credential_version,
    }));
  }

  /**
   * Ends the lease: each row gets its next check time, unless a check was requested during the
   * lease (then it is due at once) or someone else rescheduled it meanwhile (then theirs stands).
   */
  async release(schedule: ReadonlyArray<{ id: string; next: Date | null }>, lease: string): Promise<number> {
    if (schedule.length === 0) return 0;
    const { rows } = await this.database.executeSql<{ id: string }>(
      `UPDATE integrations i
          SET next_check_at = ${releasedNextCheckSql('i.next_check_at', '$2::timestamptz', 'v.next')}
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($3::timestamptz[]) AS next) v
        WHERE i.id = v.id AND i.${SAME_LEASE}
        RETURNING i.id`,
      [schedule.map((s) => s.id), lease, schedule.map((s) => (s.next ? s.next.toISOString() : null))],
    );
    return rows.length;
  }

  /**
   * Makes integrations due now (after a webhook, a failure reported by a host app, …). One that is
   * being checked right now is marked instead, and checked again when that check ends: two workers
   * never check the same integration at once. Returns how many rows were touched.
   */
  async requestCheck(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await this.database.executeSql<{ id: string }>(
      `UPDATE integrations
          SET next_check_at = CASE
                WHEN next_check_at > now() AND ${IS_LEASED}
                  THEN date_trunc('milliseconds', next_check_at) + interval '${LEASE_MARK_US + 1} microseconds'
                ELSE date_trunc('milliseconds', now()) END
        WHERE id = ANY($1::uuid[]) AND disconnected_at IS NULL AND status <> 'DISCONNECTED'
        RETURNING id`,
      [ids],
    );
    return rows.length;
  }

  /** Integrations nobody scheduled (new, or scheduled by nothing) become due now. */
  async adoptUnscheduled(limit: number): Promise<number> {
    const { rows } = await this.database.executeSql<{ id: string }>(
      `UPDATE integrations SET next_check_at = date_trunc('milliseconds', now())
        WHERE id IN (SELECT id FROM integrations
                      WHERE next_check_at IS NULL AND disconnected_at IS NULL AND status <> 'DISCONNECTED'
                      LIMIT $1 FOR NO KEY UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit],
    );
    return rows.length;
  }
}
