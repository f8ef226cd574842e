import { TokenCipher, WebhookDelivery, WebhookEndpoint, type RelinkDatabase, type WebhookDeliveryStatus } from '@relink/db';
import { IsNull } from 'typeorm';
import { parseHttpUrl } from '../auth/origin.js';
import { badInput, notFound } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import type { Viewer } from '../graphql/viewer.js';
import type { AuditService } from './AuditService.js';
import { WebhookSigner } from './WebhookSigner.js';

export interface WebhookEndpointRecord {
  id: string;
  tenantId: string;
  url: string;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface RegisteredWebhook {
  endpoint: WebhookEndpointRecord;
  /** `whsec_…`: returned once; stored only encrypted. */
  secret: string;
}

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  /** Where it was (or is being) sent. */
  endpointUrl: string;
  tenantId: string;
  webhookId: string;
  eventType: string;
  payload: Record<string, unknown>;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_ENDPOINTS_PER_TENANT = 20;

const toRecord = (row: WebhookEndpoint): WebhookEndpointRecord => ({ id: row.id, tenantId: row.tenantId, url: row.url, createdAt: row.createdAt, disabledAt: row.disabledAt });

/** A delivery about one integration (its payload's `data.integration.id`). */
export interface IntegrationNotificationRecord extends WebhookDeliveryRecord {
  integrationId: string;
}

/** Which integration a delivery is about, in SQL (an expression index covers it with created_at). */
const payloadIntegrationId = (alias: string) => `(${alias}.payload -> 'data' -> 'integration' ->> 'id')`;

const toDelivery = (row: WebhookDelivery, endpointUrl: string): WebhookDeliveryRecord => ({
  id: row.id,
  endpointId: row.endpointId,
  endpointUrl,
  tenantId: row.tenantId,
  webhookId: row.webhookId,
  eventType: row.eventType,
  payload: row.payload,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

/** Checks a webhook target: https anywhere, plain http only to this machine (development). */
export function checkWebhookUrl(raw: string): string {
  const url = parseHttpUrl(raw, 'url');
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    throw badInput(`Webhook URLs must use https:// (plain http is allowed only for localhost and 127.0.0.1), got "${raw}".`, 'url');
  }
  if (url.hash) throw badInput('A webhook URL must not contain a #fragment.', 'url');
  if (url.href.length > 2000) throw badInput('A webhook URL must be at most 2000 characters.', 'url');
  return url.href;
}

/** A tenant's outgoing-webhook endpoints; the `whsec_` secret is encrypted at rest and shown once. */
export class WebhookEndpointService {
  private readonly cipher: TokenCipher;

  constructor(
    private readonly database: RelinkDatabase,
    encryptionKeys: string,
    private readonly audit: AuditService,
  ) {
    this.cipher = TokenCipher.fromSpec(encryptionKeys);
  }

  async register(viewer: Viewer, tenantId: string, rawUrl: string): Promise<RegisteredWebhook> {
    const url = checkWebhookUrl(rawUrl);
    const secret = WebhookSigner.generateSecret();
    const encrypted = this.cipher.encrypt(secret);
    const row = await this.database.dataSource.transaction(async (em) => {
      const repo = em.getRepository(WebhookEndpoint);
      const live = await repo.countBy({ tenantId, disabledAt: IsNull() });
      if (live >= MAX_ENDPOINTS_PER_TENANT) throw badInput(`A tenant may have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; disable one first.`, 'url');
      const saved = await repo.save(repo.create({ tenantId, url, secretCiphertext: encrypted.ciphertext, secretKeyId: encrypted.keyId, disabledAt: null }));
      await this.audit.record(viewer, { action: 'webhook.register', tenantId, targetType: 'webhook_endpoint', targetId: saved.id, detail: { url } }, em);
      return saved;
    });
    return { endpoint: toRecord(row), secret };
  }

  async list(tenantId: string | undefined): Promise<WebhookEndpointRecord[]> {
    const rows = await this.database.dataSource.getRepository(WebhookEndpoint).find({
      where: tenantId === undefined ? {} : { tenantId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    return rows.map(toRecord);
  }

  /** An endpoint in scope (`tenantId` undefined = any), or null. */
  async findVisible(id: string, tenantId: string | undefined): Promise<WebhookEndpointRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.database.dataSource.getRepository(WebhookEndpoint).findOneBy({ id });
    if (!row || (tenantId !== undefined && row.tenantId !== tenantId)) return null;
    return toRecord(row);
  }

  /** Stops deliveries to an endpoint (pending ones are left to fail). */
  async disable(viewer: Viewer, id: string, tenantId: string | undefined): Promise<WebhookEndpointRecord> {
    const endpoint = await this.findVisible(id, tenantId);
    if (!endpoint) throw notFound('webhook endpoint', id);
    if (endpoint.disabledAt) return endpoint;
    const disabledAt = new Date();
    await this.database.dataSource.transaction(async (em) => {
      await em.getRepository(WebhookEndpoint).update({ id }, { disabledAt });
      await this.audit.record(viewer, { action: 'webhook.disable', tenantId: endpoint.tenantId, targetType: 'webhook_endpoint', targetId: id, detail: { url: endpoint.url } }, em);
    });
    return { ...endpoint, disabledAt };
  }

  /** The latest deliveries to one endpoint in scope, newest first. */
  async deliveries(endpointId: string, tenantId: string | undefined, first: number): Promise<WebhookDeliveryRecord[]> {
    const endpoint = await this.findVisible(endpointId, tenantId);
    if (!endpoint) throw notFound('webhook endpoint', endpointId);
    const rows = await this.database.dataSource.getRepository(WebhookDelivery).find({
      where: { endpointId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: first,
    });
    return rows.map((row) => toDelivery(row, endpoint.url));
  }

  /**
   * The latest `first` deliveries about each integration (payload `data.integration.id`), newest
   * first, in one query. Each key names the integration's tenant, and only that tenant's deliveries
   * count: callers pass integrations the viewer may see.
   */
  async notificationsByIntegration(keys: ReadonlyArray<{ integrationId: string; tenantId: string }>, first: number): Promise<IntegrationNotificationRecord[]> {
    const valid = keys.filter((k) => isUuid(k.integrationId) && isUuid(k.tenantId));
    if (valid.length === 0) return [];
    const { entities, raw } = await this.database.dataSource
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .innerJoin(WebhookEndpoint, 'e', 'e.id = d.endpoint_id')
      .addSelect('e.url', 'endpoint_url')
      .addSelect(payloadIntegrationId('d'), 'integration_key')
      .where(
        `d.id IN (SELECT l.id
           FROM unnest(CAST(:integrationIds AS text[]), CAST(:tenantIds AS uuid[])) AS k(integration_id, tenant_id)
           CROSS JOIN LATERAL (
             SELECT x.id FROM webhook_deliveries x
             WHERE ${payloadIntegrationId('x')} = k.integration_id AND x.tenant_id = k.tenant_id
             ORDER BY x.created_at DESC, x.id DESC LIMIT :first
           ) l)`,
        { integrationIds: valid.map((k) => k.integrationId), tenantIds: valid.map((k) => k.tenantId), first },
      )
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .getRawAndEntities<{ d_id: string; endpoint_url: string; integration_key: string }>();
    const extra = new Map(raw.map((r) => [r.d_id, r]));
    return entities.map((row) => {
      const r = extra.get(row.id)!;
      return { ...toDelivery(row, r.endpoint_url), integrationId: r.integration_key };
    });
  }
}
