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
import { createProviderClients, type ProviderClients } from '../providers/providerClients.js';
import { TicketService } from './TicketService.js';
import { CredentialService } from './CredentialService.js';
import { ConnectionService } from './ConnectionService.js';
import { CheckService } from './CheckService.js';
import { CheckRequests } from '../monitor/CheckRequests.js';
import { HostFailureReportService } from './HostFailureReportService.js';

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
  /** Provider URLs (sandbox or real) and API clients (OAuth helper). */
  providers: ProviderClients;
  tickets: TicketService;
  credentials: CredentialService;
  connections: ConnectionService;
  checks: CheckService;
  /** "Check these integrations now" from any process (webhooks, host-reported failures): the monitor does it. */
  checkRequests: CheckRequests;
  /** Failures a host app reports (`reportProviderFailure`): recorded, and a check requested — never a status change. */
  hostFailures: HostFailureReportService;
}

export async function createServices(config: Config, database: RelinkDatabase): Promise<Services> {
  const statusBus = await StatusBus.start(database);
  const audit = new AuditService(database);
  const apiKeys = new ApiKeyService(database, audit);
  const status = new StatusService(database);
  const tenants = new TenantService(database, apiKeys, audit);
  const tickets = new TicketService(database, config.encryptionKeys);
  const credentials = new CredentialService(database, config.encryptionKeys);
  const connections = new ConnectionService(config, database, tickets, credentials, status, tenants);
  const providers = createProviderClients(config);
  const checks = new CheckService(database, credentials, status, providers, { googleClientInTestingMode: config.googleTestingMode });
  const checkRequests = new CheckRequests(database);
  return {
    config,
    database,
    status,
    statusBus,
    tenants,
    apiKeys,
    staff: new StaffService(database, config.adminToken, audit),
    widgetSessions: new WidgetSessionService(database, config.encryptionKeys, audit),
    audit,
    integrations: new IntegrationQueryService(database),
    webhookEndpoints: new WebhookEndpointService(database, config.encryptionKeys, audit),
    providers,
    tickets,
    credentials,
    connections,
    checks,
    checkRequests,
    hostFailures: new HostFailureReportService(database, checkRequests),
  };
}
