import { nextStatus, type IntegrationState, type StatusEvent, type Transition } from '@relink/core';
import { Credential, Integration, IntegrationEvent, UntrackedWindow, type RelinkDatabase } from '@relink/db';
import type { EntityManager } from 'typeorm';
import { closeWindows, insertEvents, openWindows, publishChanges, updateIntegrations, type Notice, type RowWrite } from './statusWrites.js';

/** Who or what caused an event, and how to label it in the integration's history. */
export interface StatusEventMeta {
  /** e.g. `monitor`, `staff:<id>`, `tenant:<apiKeyId>`, `widget`, `provider:google-risc`. */
  actor: string;
  /** The history row's type, e.g. `checked`, `security_event`, `reauthorized`, `disconnected`. */
  eventType: string;
  detail?: Record<string, unknown>;
  /** Record a history row even when the status did not change (security events, reauthorizations). */
  recordUnchanged?: boolean;
}

/** The monitor's lease on an integration, ended by the same write with the next check time. */
export interface LeaseRelease {
  lease: string;
  /** When to check next, given the integration as the change left it. */
  next: (after: Integration) => Date | null;
}

/** One event for one integration. */
export interface StatusChange {
  integrationId: string;
  event: StatusEvent;
  meta: StatusEventMeta;
  release?: LeaseRelease;
}

export interface AppliedEvent {
  integration: Integration;
  transition: Transition;
}

function stateOf(row: Integration, credentialIssuedAt: Date | null): IntegrationState {
  return {
    credentialIssuedAt,
    status: row.status,
    cause: row.cause,
    version: row.statusVersion,
    credentialVersion: row.credentialVersion ?? 0,
    statusChangedAt: row.statusChangedAt,
    untrackedSince: row.untrackedSince,
    consecutiveTransientFailures: row.consecutiveTransientFailures,
    tokenExpiresAt: row.tokenExpiresAt,
    dataAccessExpiresAt: row.dataAccessExpiresAt,
  };
}

const isCheck = (event: StatusEvent) => event.type === 'CHECK_VALID' || event.type === 'CHECK_INVALID' || event.type === 'CHECK_TRANSIENT';

/**
 * The one road for every status change: a provider answer, a pushed security event, a recheck,
 * the monitor's sweep and a completed reauthorization all become a core `StatusEvent`, applied here
 * in one transaction (status + version, history row, untracked window, outgoing webhook rows, NOTIFY).
 * The NOTIFY is delivered only when the transaction commits, so nobody hears of a rolled-back change.
 *
 * Set-based: a batch of changes (the monitor applies a whole Graph batch of answers at once) costs a
 * handful of statements, not a handful per integration: one `SELECT … FOR UPDATE` in id order (so
 * two concurrent batches cannot deadlock), one UPDATE, and inserts only for what changed.
 */
export class StatusService {
  constructor(private readonly database: RelinkDatabase) {}

  /** Applies one event to one integration; runs inside `manager` when given (the caller's transaction). */
  async apply(integrationId: string, event: StatusEvent, meta: StatusEventMeta, manager?: EntityManager): Promise<AppliedEvent> {
    const [applied] = await this.applyEach([{ integrationId, event, meta }], manager);
    return applied!;
  }

  /** Applies the same event to every given integration in one transaction. */
  async applyMany(integrationIds: readonly string[], event: StatusEvent, meta: StatusEventMeta, manager?: EntityManager): Promise<AppliedEvent[]> {
    return this.applyEach(integrationIds.map((integrationId) => ({ integrationId, event, meta })), manager);
  }

  /**
   * Applies each change in one transaction and returns the results in the same order. Changes to the
   * same integration apply one after the other, in the order given.
   */
  async applyEach(changes: readonly StatusChange[], manager?: EntityManager): Promise<AppliedEvent[]> {
    if (changes.length === 0) return [];
    const run = (em: EntityManager) => this.applyIn(em, changes);
    return manager ? run(manager) : this.database.dataSource.transaction(run);
  }

  private async applyIn(em: EntityManager, changes: readonly StatusChange[]): Promise<AppliedEvent[]> {
    const ids = [...new Set(changes.map((c) => c.integrationId))].sort();
    // A pushed security event older than the current credential must not kill it: the machine needs its issue time.
    const { entities: locked, raw } = await em
      .getRepository(Integration)
      .createQueryBuilder('i')
      .leftJoin(Credential, 'c', 'c.id = i.credentialId')
      .addSelect('c.issuedAt', 'credential_issued_at')
      .setLock('pessimistic_write', undefined, ['i'])
      .where('i.id = ANY(:ids)', { ids })
      .orderBy('i.id')
      .getRawAndEntities<{ i_id: string; credential_issued_at: Date | string | null }>();
    const rows = new Map(locked.map((row) => [row.id, row]));
    const missing = ids.find((id) => !rows.has(id));
    if (missing) throw new Error(`integration ${missing} does not exist`);
    const issuedAt = new Map(raw.map((r) => [r.i_id, r.credential_issued_at === null ? null : new Date(r.credential_issued_at)]));

    const results: AppliedEvent[] = [];
    const writes = new Map<string, RowWrite>();
    // Round k holds the k-th change of each integration, so windows open and close in the right order.
    for (const round of rounds(changes)) {
      const closes: Array<{ integrationId: string; endedAt: Date }> = [];
      const opens: Array<Pick<UntrackedWindow, 'integrationId' | 'tenantId' | 'startedAt' | 'cause'>> = [];
      const history: Array<Partial<IntegrationEvent>> = [];
      const notices: Notice[] = [];
      for (const { index, change } of round) {
        const { event, meta } = change;
        const row = rows.get(change.integrationId)!;
        const transition = nextStatus(stateOf(row, issuedAt.get(row.id) ?? null), event);
        const previousStatus = row.status;
        const next = transition.state;
        const write = writes.get(row.id) ?? { row, lastChecked: false, credentialVersion: false, disconnected: false };
        Object.assign(row, {
          status: next.status,
          cause: next.cause,
          statusVersion: next.version,
          statusChangedAt: next.statusChangedAt,
          untrackedSince: next.untrackedSince,
          consecutiveTransientFailures: next.consecutiveTransientFailures,
          tokenExpiresAt: next.tokenExpiresAt,
          dataAccessExpiresAt: next.dataAccessExpiresAt,
        });
        if (isCheck(event)) {
          row.lastCheckedAt = event.at;
          write.lastChecked = true;
        }
        if (event.type === 'TOKEN_ISSUED') {
          row.credentialVersion = event.credentialVersion;
          row.disconnectedAt = null;
          write.credentialVersion = true;
          write.disconnected = true;
        }
        if (event.type === 'DISCONNECTED') {
          row.disconnectedAt = event.at;
          row.nextCheckAt = null;
          write.disconnected = true;
        }
        if (change.release) write.schedule = { lease: change.release.lease, next: change.release.next(row) };
        writes.set(row.id, write);
        const snapshot: Integration = { ...row };
        for (const effect of transition.effects) {
          if (effect.type === 'CLOSE_WINDOW') closes.push({ integrationId: row.id, endedAt: effect.endedAt });
          if (effect.type === 'OPEN_WINDOW') opens.push({ integrationId: row.id, tenantId: row.tenantId, startedAt: effect.startedAt, cause: effect.cause });
          if (effect.type === 'NOTIFY') notices.push({ integration: snapshot, from: effect.from, at: event.at });
        }
        if (transition.changed || meta.recordUnchanged) {
          history.push({
            integrationId: row.id,
            tenantId: row.tenantId,
            at: event.at,
            type: meta.eventType,
            status: row.status,
            cause: transition.changed ? row.cause : 'cause' in event ? event.cause : row.cause,
            actor: meta.actor,
            detail: { ...meta.detail, ...(transition.changed ? { from: previousStatus } : { unchanged: true }) },
          });
        }
        results[index] = { integration: snapshot, transition };
      }
      await closeWindows(em, closes);
      await openWindows(em, opens);
      await insertEvents(em, history);
      await publishChanges(em, notices);
    }
    await updateIntegrations(em, [...writes.values()]);
    return results;
  }
}

/** Splits changes into rounds where each integration appears at most once, keeping the given order. */
function rounds(changes: readonly StatusChange[]): Array<Array<{ index: number; change: StatusChange }>> {
  const result: Array<Array<{ index: number; change: StatusChange }>> = [];
  const seen = new Map<string, number>();
  changes.forEach((change, index) => {
    const k = seen.get(change.integrationId) ?? 0;
    seen.set(change.integrationId, k + 1);
    (result[k] ??= []).push({ index, change });
  });
  return result;
}
