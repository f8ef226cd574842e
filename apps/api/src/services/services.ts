import type { RelinkDatabase } from '@relink/db';
import type { Config } from '../config.js';
import { StatusBus } from './StatusBus.js';
import { StatusService } from './StatusService.js';
import { TenantService } from './TenantService.js';
import { ApiKeyService } from './ApiKeyService.js';
import { StaffService } from './StaffService.js';
import { WidgetSessionService } from './WidgetSessionService.js';
import { AuditService } from './AuditService.js';
import { IntegrationQueryService } from './IntegrationQueryService.js';
import { WebhookEndpointService } from './WebhookEndpointService.js';

/** Everything the ways in (GraphQL, OAuth routes, webhooks, monitor) call. */
export interface Services {
  config: Config;
  database: RelinkDatabase;
  status: StatusService;
  statusBus: StatusBus;
  tenants: TenantService;
  apiKeys: ApiKeyService;
  staff: StaffService;
  widgetSessions: WidgetSessionService;
  audit: AuditService;
  /** Reads of integrations and their windows, history, identities (GraphQL). */
  integrations: IntegrationQueryService;
  webhookEndpoints: WebhookEndpointService;
}

export async function createServices(config: Config, database: RelinkDatabase): Promise<Services> {
  const statusBus = await StatusBus.start(database);
  const audit = new AuditService(database);
  const apiKeys = new ApiKeyService(database, audit);
  return {
    config,
    database,
    status: new StatusService(database),
    statusBus,
    tenants: new TenantService(database, apiKeys, audit),
    apiKeys,
    staff: new StaffService(database, config.adminToken, audit),
    widgetSessions: new WidgetSessionService(database, config.encryptionKeys, audit),
    audit,
    integrations: new IntegrationQueryService(database),
    webhookEndpoints: new WebhookEndpointService(database, config.encryptionKeys, audit),
  };
}
