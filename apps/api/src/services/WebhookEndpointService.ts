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

const toDelivery = (row: WebhookDelivery): WebhookDeliveryRecord => ({
  id: row.id,
  endpointId: row.endpointId,
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
    return rows.map(toDelivery);
  }
}
