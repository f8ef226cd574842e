import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './authChecker.js';
import { ApiKeyResolver } from './resolvers/apiKey.resolver.js';
import { AuditResolver } from './resolvers/audit.resolver.js';
import { AuthorizationResolver } from './resolvers/authorization.resolver.js';
import { WebhookResolver } from './resolvers/webhook.resolver.js';
import { HealthResolver } from './resolvers/health.resolver.js';
import { IntegrationResolver } from './resolvers/integration.resolver.js';
import { IntegrationFieldsResolver } from './resolvers/integrationFields.resolver.js';
import { StaffResolver } from './resolvers/staff.resolver.js';
import { TenantResolver } from './resolvers/tenant.resolver.js';
import { ViewerResolver } from './resolvers/viewer.resolver.js';
import { WidgetSessionResolver } from './resolvers/widgetSession.resolver.js';
import { DateTime } from './types/scalars.js';
import './types/enums.js';

export const RESOLVERS = [
  ViewerResolver,
  IntegrationResolver,
  IntegrationFieldsResolver,
  HealthResolver,
  TenantResolver,
  ApiKeyResolver,
  WidgetSessionResolver,
  StaffResolver,
  AuditResolver,
  AuthorizationResolver,
  WebhookResolver,
] as const;

export function buildRelinkSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: 'error',
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTime }],
  });
}
