import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { authChecker } from './authChecker.js';
import { ApiKeyResolver } from './resolvers/apiKey.resolver.js';
import { AuditResolver } from './resolvers/audit.resolver.js';
import { AuthorizationResolver } from './resolvers/authorization.resolver.js';
import { IntegrationActionsResolver } from './resolvers/integrationActions.resolver.js';
import { SubscriptionResolver } from './resolvers/subscription.resolver.js';
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
  IntegrationActionsResolver,
  WebhookResolver,
  SubscriptionResolver,
] as const;

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, even when every one of them
 * brings its own `subscribe` (ours read the StatusBus). Topic-based subscriptions are a mistake here.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('Relink subscriptions read the StatusBus; there are no type-graphql topics to publish to.');
  },
  subscribe() {
    throw new Error('Relink subscriptions read the StatusBus; give @Subscription a `subscribe` function.');
  },
};

export function buildRelinkSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: 'error',
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    pubSub: NO_TOPICS,
  });
}
