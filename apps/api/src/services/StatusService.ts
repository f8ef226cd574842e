import { randomUUID } from 'node:crypto';
import { nextStatus, type IntegrationState, type StatusEvent, type Transition } from '@relink/core';
import { Credential, Integration, IntegrationEvent, UntrackedWindow, WebhookDelivery, WebhookEndpoint, type RelinkDatabase } from '@relink/db';
import { IsNull, type EntityManager } from 'typeorm';
import { STATUS_CHANNEL, type StatusChangeNotice } from './statusChannel.js';
import { webhookPayload } from './webhookPayload.js';

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

/**
 * The one road for every status change: a provider answer, a pushed security event, a recheck,
 * the monitor's sweep and a completed reauthorization all become a core `StatusEvent`, applied here
 * in one transaction (status + version, history row, untracked window, outgoing webhook rows, NOTIFY).
 * The NOTIFY is delivered only when the transaction commits, so nobody hears of a rolled-back change.
 */
export class StatusService {
  constructor(private readonly database: RelinkDatabase) {}

  /** Applies one event to one integration; runs inside `manager` when given (the caller's transaction). */
  async apply(integrationId: string, event: StatusEvent, meta: StatusEventMeta, manager?: EntityManager): Promise<AppliedEvent> {
    if (manager) return this.applyIn(manager, integrationId, event, meta);
    return this.database.dataSource.transaction((em) => this.applyIn(em, integrationId, event, meta));
  }

  /** Applies the same event to every given integration in one transaction. */
  async applyMany(integrationIds: readonly string[], event: StatusEvent, meta: StatusEventMeta, manager?: EntityManager): Promise<AppliedEvent[]> {
    const run = async (em: EntityManager) => {
      const results: AppliedEvent[] = [];
      // A fixed lock order keeps two concurrent multi-row applications from deadlocking.
      for (const id of [...integrationIds].sort()) results.push(await this.applyIn(em, id, event, meta));
      return results;
    };
    return manager ? run(manager) : this.database.dataSource.transaction(run);
  }

  private async applyIn(em: EntityManager, integrationId: string, event: StatusEvent, meta: StatusEventMeta): Promise<AppliedEvent> {
    const row = await em
      .getRepository(Integration)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id: integrationId })
      .getOne();
    if (!row) throw new Error(`integration ${integrationId} does not exist`);
    // A pushed security event older than the current credential must not kill it: the machine needs its issue time.
    const credential = row.credentialId
      ? await em.getRepository(Credential).findOne({ where: { id: row.credentialId }, select: { id: true, issuedAt: true } })
      : null;
    const transition = nextStatus(stateOf(row, credential?.issuedAt ?? null), event);
    const previousStatus = row.status;
    const next = transition.state;
    const isCheck = event.type === 'CHECK_VALID' || event.type === 'CHECK_INVALID' || event.type === 'CHECK_TRANSIENT';

    const patch: Partial<Integration> = {
      status: next.status,
      cause: next.cause,
      statusVersion: next.version,
      statusChangedAt: next.statusChangedAt,
      untrackedSince: next.untrackedSince,
      consecutiveTransientFailures: next.consecutiveTransientFailures,
      tokenExpiresAt: next.tokenExpiresAt,
      dataAccessExpiresAt: next.dataAccessExpiresAt,
    };
    if (isCheck) patch.lastCheckedAt = event.at;
    if (event.type === 'TOKEN_ISSUED') {
      patch.credentialVersion = event.credentialVersion;
      patch.disconnectedAt = null;
    }
    if (event.type === 'DISCONNECTED') {
      patch.disconnectedAt = event.at;
      patch.nextCheckAt = null;
    }
    await em.getRepository(Integration).update({ id: row.id }, patch);
    const integration = em.getRepository(Integration).merge(row, patch);

    for (const effect of transition.effects) {
      switch (effect.type) {
        case 'OPEN_WINDOW':
          await em.getRepository(UntrackedWindow).insert({
            integrationId: row.id,
            tenantId: row.tenantId,
            startedAt: effect.startedAt,
            endedAt: null,
            cause: effect.cause,
          });
          break;
        case 'CLOSE_WINDOW':
          await em.getRepository(UntrackedWindow).update({ integrationId: row.id, endedAt: IsNull() }, { endedAt: effect.endedAt });
          break;
        case 'NOTIFY':
          await this.publish(em, integration, effect.from, event.at);
          break;
      }
    }
    if (transition.changed || meta.recordUnchanged) {
      await em.getRepository(IntegrationEvent).insert({
        integrationId: row.id,
        tenantId: row.tenantId,
        at: event.at,
        type: meta.eventType,
        status: integration.status,
        cause: transition.changed ? integration.cause : 'cause' in event ? event.cause : integration.cause,
        actor: meta.actor,
        detail: { ...meta.detail, ...(transition.changed ? { from: previousStatus } : { unchanged: true }) },
      });
    }
    return { integration, transition };
  }

  private async publish(em: EntityManager, integration: Integration, from: string, at: Date): Promise<void> {
    const endpoints = await em.getRepository(WebhookEndpoint).find({ where: { tenantId: integration.tenantId, disabledAt: IsNull() } });
    for (const endpoint of endpoints) {
      const webhookId = `msg_${randomUUID().replace(/-/g, '')}`;
      const deliveries = em.getRepository(WebhookDelivery);
      await deliveries.save(deliveries.create({
        endpointId: endpoint.id,
        tenantId: integration.tenantId,
        webhookId,
        eventType: 'integration.status_changed',
        payload: webhookPayload(integration, at, from),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
      }));
    }
    const notice: StatusChangeNotice = {
      integrationId: integration.id,
      tenantId: integration.tenantId,
      status: integration.status,
      cause: integration.cause,
      version: integration.statusVersion,
      at: at.toISOString(),
    };
    await em.query('SELECT pg_notify($1, $2)', [STATUS_CHANNEL, JSON.stringify(notice)]);
  }
}
