import { randomUUID } from 'node:crypto';
import { Integration, IntegrationEvent, UntrackedWindow, WebhookDelivery, WebhookEndpoint } from '@relink/db';
import { In, IsNull, type EntityManager } from 'typeorm';
import { LEASE_RELEASE } from '../monitor/IntegrationLeases.js';
import { STATUS_CHANNEL, type StatusChangeNotice } from './statusChannel.js';
import { webhookPayload } from './webhookPayload.js';

/** Which optional columns a change writes (the rest of the status columns are always written). */
export interface RowWrite {
  row: Integration;
  lastChecked: boolean;
  credentialVersion: boolean;
  disconnected: boolean;
  /** Ends the monitor's lease on the row with its next check time, in the same statement. */
  schedule?: { lease: string; next: Date | null };
}

export interface Notice {
  integration: Integration;
  from: string;
  at: Date;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A timestamp column's new value, unless it is the stored one as JS read it (to the millisecond):
 * then the stored one stays, microseconds and all. An unchanged indexed column is what lets
 * PostgreSQL update the row without touching its indexes (a HOT update).
 */
const kept = (column: string) => `CASE WHEN v.${column} IS NOT DISTINCT FROM date_trunc('milliseconds', i.${column}) THEN i.${column} ELSE v.${column} END`;

/**
 * Writes the final state of every changed row in one UPDATE. `next_check_at` is cleared on
 * disconnect, and set when a check ends the monitor's lease on the row (in the same statement, which
 * also drops the lease); otherwise it is left as it is.
 */
export async function updateIntegrations(em: EntityManager, writes: readonly RowWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const values = writes.map(({ row, lastChecked, credentialVersion, disconnected, schedule }) => ({
    id: row.id,
    status: row.status,
    cause: row.cause,
    status_version: row.statusVersion,
    status_changed_at: iso(row.statusChangedAt),
    untracked_since: iso(row.untrackedSince),
    consecutive_transient_failures: row.consecutiveTransientFailures,
    token_expires_at: iso(row.tokenExpiresAt),
    data_access_expires_at: iso(row.dataAccessExpiresAt),
    set_last_checked: lastChecked,
    last_checked_at: iso(row.lastCheckedAt),
    set_credential_version: credentialVersion,
    credential_version: row.credentialVersion,
    set_disconnected: disconnected,
    disconnected_at: iso(row.disconnectedAt),
    lease: schedule?.lease ?? null,
    next_check: schedule ? iso(schedule.next) : null,
  }));
  await em.query(
    `WITH v AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         id uuid, status text, cause text, status_version integer, status_changed_at timestamptz, untracked_since timestamptz,
         consecutive_transient_failures integer, token_expires_at timestamptz, data_access_expires_at timestamptz,
         set_last_checked boolean, last_checked_at timestamptz, set_credential_version boolean, credential_version integer,
         set_disconnected boolean, disconnected_at timestamptz, lease uuid, next_check timestamptz)
     ), released AS (${LEASE_RELEASE.cte('v')})
     UPDATE integrations AS i SET
        status = v.status, cause = v.cause, status_version = v.status_version, status_changed_at = ${kept('status_changed_at')},
        untracked_since = ${kept('untracked_since')}, consecutive_transient_failures = v.consecutive_transient_failures,
        token_expires_at = ${kept('token_expires_at')}, data_access_expires_at = ${kept('data_access_expires_at')},
        last_checked_at = CASE WHEN v.set_last_checked THEN v.last_checked_at ELSE i.last_checked_at END,
        credential_version = CASE WHEN v.set_credential_version THEN v.credential_version ELSE i.credential_version END,
        disconnected_at = CASE WHEN v.set_disconnected THEN v.disconnected_at ELSE i.disconnected_at END,
        next_check_at = CASE WHEN v.set_disconnected AND v.disconnected_at IS NOT NULL THEN NULL
                             ELSE ${LEASE_RELEASE.nextCheck('i.next_check_at', 'released', 'v.next_check')} END,
        updated_at = now()
       FROM v LEFT JOIN released ON released.integration_id = v.id
      WHERE i.id = v.id`,
    [JSON.stringify(values)],
  );
}

/** Closes the open window of each integration (at most one is open per integration). */
export async function closeWindows(em: EntityManager, closes: ReadonlyArray<{ integrationId: string; endedAt: Date }>): Promise<void> {
  if (closes.length === 0) return;
  await em.query(
    `UPDATE untracked_windows AS w SET ended_at = v.ended_at, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(integration_id uuid, ended_at timestamptz)
      WHERE w.integration_id = v.integration_id AND w.ended_at IS NULL`,
    [JSON.stringify(closes.map((c) => ({ integration_id: c.integrationId, ended_at: c.endedAt.toISOString() })))],
  );
}

export async function openWindows(em: EntityManager, windows: ReadonlyArray<Pick<UntrackedWindow, 'integrationId' | 'tenantId' | 'startedAt' | 'cause'>>): Promise<void> {
  if (windows.length === 0) return;
  await insertRows(em, UntrackedWindow, windows.map((w) => ({ ...w, endedAt: null })));
}

/** One multi-row INSERT. (TypeORM's insert type rejects jsonb `Record` columns, hence the one cast.) */
async function insertRows<T extends object>(em: EntityManager, entity: new () => T, rows: ReadonlyArray<Partial<T>>): Promise<void> {
  const repo = em.getRepository(entity);
  await repo.insert(rows as Parameters<typeof repo.insert>[0]);
}

export async function insertEvents(em: EntityManager, events: ReadonlyArray<Partial<IntegrationEvent>>): Promise<void> {
  if (events.length === 0) return;
  await insertRows(em, IntegrationEvent, events);
}

/** One outgoing webhook row per enabled endpoint of the tenant, then one NOTIFY per change (sent on commit). */
export async function publishChanges(em: EntityManager, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const tenantIds = [...new Set(notices.map((n) => n.integration.tenantId))];
  const endpoints = await em.getRepository(WebhookEndpoint).find({ where: { tenantId: In(tenantIds), disabledAt: IsNull() }, select: { id: true, tenantId: true } });
  const deliveries = notices.flatMap(({ integration, from, at }) =>
    endpoints
      .filter((endpoint) => endpoint.tenantId === integration.tenantId)
      .map((endpoint) => ({
        endpointId: endpoint.id,
        tenantId: integration.tenantId,
        webhookId: `msg_${randomUUID().replace(/-/g, '')}`,
        eventType: 'integration.status_changed',
        payload: webhookPayload(integration, at, from),
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: at,
      })),
  );
  if (deliveries.length > 0) await insertRows(em, WebhookDelivery, deliveries);
  const messages = notices.map(({ integration, at }): string => {
    const notice: StatusChangeNotice = {
      integrationId: integration.id,
      tenantId: integration.tenantId,
      status: integration.status,
      cause: integration.cause,
      version: integration.statusVersion,
      at: at.toISOString(),
    };
    return JSON.stringify(notice);
  });
  // A function scan yields its rows in order, so the notices go out in the order of the changes.
  await em.query('SELECT pg_notify($1, m.message) FROM unnest($2::text[]) AS m(message)', [STATUS_CHANNEL, messages]);
}
