import { ApiKey } from './api-key.entity.js';
import { AuditLogEntry } from './audit-log-entry.entity.js';
import { Credential } from './credential.entity.js';
import { IntegrationEvent } from './integration-event.entity.js';
import { Integration } from './integration.entity.js';
import { OAuthTicket } from './oauth-ticket.entity.js';
import { ProviderIdentity } from './provider-identity.entity.js';
import { SeenSecurityEvent } from './seen-security-event.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { Tenant } from './tenant.entity.js';
import { UntrackedWindow } from './untracked-window.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WidgetSession } from './widget-session.entity.js';

/** Every entity class, in the order the DataSource registers them. */
export const ENTITIES = [
  Tenant, ApiKey, StaffUser, ProviderIdentity, Credential, Integration, IntegrationEvent, UntrackedWindow,
  OAuthTicket, WidgetSession, AuditLogEntry, WebhookEndpoint, WebhookDelivery, SeenSecurityEvent,
];
