import { randomUUID } from 'node:crypto';
import type { Provider } from '@relink/core';
import type { RelinkDatabase } from '@relink/db';

/**
 * The monitor's claims on integrations, kept in `integration_leases` (one small row per claimed
 * integration: its claim id, until when, and whether a check was requested meanwhile).
 *
 * A sweep claims due integrations (from `integration_schedule`, the indexed copy of `next_check_at`)
 * with SKIP LOCKED and writes a lease row for each, so no other worker takes them; if the worker
 * dies, the lease runs out and the row may be claimed again. The integration row itself is written
 * once per check: its result and next check time, which also ends the lease (see `LEASE_RELEASE`).
 * `next_check_at` stays a plain schedule.
 */

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
 * Ending leases in the statement that writes the checks' results. `cte(values)` deletes the leases of
 * the rows in `values` (columns `id`, `lease`) that are still held under that lease, returning
 * `integration_id` and `requested`; `nextCheck` is the integration's new `next_check_at` given that
 * row (`released`, NULL when the lease was lost) and the check's `next`: due at once when a check was
 * requested during the lease, else `next`; a lost lease leaves the schedule as someone else set it.
 */
export const LEASE_RELEASE = {
  cte: (values: string) =>
    `DELETE FROM integration_leases AS l USING ${values} AS lv
      WHERE lv.lease IS NOT NULL AND l.integration_id = lv.id AND l.lease = lv.lease
      RETURNING l.integration_id, l.requested`,
  nextCheck: (current: string, released: string, next: string) =>
    `CASE WHEN ${released}.integration_id IS NULL THEN ${current}
          WHEN ${released}.requested AND ${next} IS NOT NULL THEN date_trunc('milliseconds', now())
          ELSE ${next} END`,
};

/** Drops the lease on one integration (its schedule was just set anew: a running check must not overwrite it). */
export const DROP_LEASE_SQL = 'DELETE FROM integration_leases WHERE integration_id = $1';

export class IntegrationLeases {
  constructor(private readonly database: RelinkDatabase) {}

  /**
   * Claims up to `limit` due integrations of the given providers for `leaseSeconds`: the due rows no
   * live lease covers, soonest first from `integration_schedule`, whose rows are locked
   * `FOR NO KEY UPDATE SKIP LOCKED` (so concurrent claims pick different rows, and the integration rows
   * themselves are not written at all), each given a lease row. The lease table's primary key settles any remaining race: an insert meets a live lease
   * and takes nothing; an expired one (a crashed worker's) is taken over.
   */
  async claimDue(limit: number, leaseSeconds: number, providers: readonly Provider[]): Promise<Claim | null> {
    if (limit <= 0 || providers.length === 0) return null;
    const lease = randomUUID();
    const { rows } = await this.database.executeSql<{ id: string; provider: Provider }>(
      `WITH due AS (
         SELECT i.id, i.provider FROM integration_schedule s JOIN integrations i ON i.id = s.integration_id
          WHERE s.next_check_at <= now() AND i.disconnected_at IS NULL AND i.provider = ANY($3::text[])
            AND NOT EXISTS (SELECT 1 FROM integration_leases l WHERE l.integration_id = i.id AND l.until > now())
          ORDER BY s.next_check_at LIMIT $1
          FOR NO KEY UPDATE OF s SKIP LOCKED
       ), taken AS (
         INSERT INTO integration_leases AS l (integration_id, lease, until)
         SELECT id, $4::uuid, now() + make_interval(secs => $2) FROM due
         ON CONFLICT (integration_id) DO UPDATE SET lease = EXCLUDED.lease, until = EXCLUDED.until, requested = false
          WHERE l.until <= now()
         RETURNING l.integration_id
       )
       SELECT due.id, due.provider FROM due JOIN taken ON taken.integration_id = due.id`,
      [limit, leaseSeconds, providers, lease],
    );
    if (rows.length === 0) return null;
    return { lease, ids: rows.map((r) => ({ id: r.id, provider: r.provider })) };
  }

  /** The rows of `ids` still held under `lease` (a retried job after a crash still holds them). */
  async held(ids: readonly string[], lease: string): Promise<LeasedRow[]> {
    return this.select(
      `id = ANY($1::uuid[]) AND disconnected_at IS NULL
       AND EXISTS (SELECT 1 FROM integration_leases l WHERE l.integration_id = integrations.id AND l.lease = $2::uuid)`,
      [ids, lease],
    );
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
   * lease (then it is due at once) or the lease was lost meanwhile (then the schedule stands).
   * Returns how many rows were still held.
   */
  async release(schedule: ReadonlyArray<{ id: string; next: Date | null }>, lease: string): Promise<number> {
    if (schedule.length === 0) return 0;
    const { rows } = await this.database.executeSql<{ id: string }>(
      `WITH v AS (SELECT unnest($1::uuid[]) AS id, $2::uuid AS lease, unnest($3::timestamptz[]) AS next),
            released AS (${LEASE_RELEASE.cte('v')})
       UPDATE integrations i SET next_check_at = ${LEASE_RELEASE.nextCheck('i.next_check_at', 'released', 'v.next')}
         FROM v JOIN released ON released.integration_id = v.id
        WHERE i.id = v.id AND i.disconnected_at IS NULL
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
    const { rows } = await this.database.executeSql<{ n: number }>(
      `WITH marked AS (
         UPDATE integration_leases l SET requested = true
           FROM integrations i
          WHERE l.integration_id = i.id AND i.id = ANY($1::uuid[]) AND l.until > now()
            AND i.disconnected_at IS NULL AND i.status <> 'DISCONNECTED'
          RETURNING l.integration_id
       ), due AS (
         UPDATE integrations SET next_check_at = date_trunc('milliseconds', now())
          WHERE id = ANY($1::uuid[]) AND disconnected_at IS NULL AND status <> 'DISCONNECTED'
            AND id NOT IN (SELECT integration_id FROM marked)
          RETURNING id
       )
       SELECT (SELECT count(*) FROM marked)::int + (SELECT count(*) FROM due)::int AS n`,
      [ids],
    );
    return rows[0]?.n ?? 0;
  }

  /** Integrations nobody scheduled (new, or scheduled by nothing) become due now. */
  async adoptUnscheduled(limit: number): Promise<number> {
    const { rows } = await this.database.executeSql<{ id: string }>(
      `UPDATE integrations SET next_check_at = date_trunc('milliseconds', now())
        WHERE id IN (SELECT i.id FROM integration_schedule s JOIN integrations i ON i.id = s.integration_id
                      WHERE s.next_check_at IS NULL AND i.next_check_at IS NULL
                        AND i.disconnected_at IS NULL AND i.status <> 'DISCONNECTED'
                      LIMIT $1 FOR NO KEY UPDATE OF i SKIP LOCKED)
        RETURNING id`,
      [limit],
    );
    return rows.length;
  }
}
