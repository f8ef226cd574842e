import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { requiredTenant, tenantScope } from '../scope.js';
import { WebhookDelivery, WebhookEndpoint } from '../types/webhook.type.js';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized('TENANT')
  @Mutation(() => WebhookEndpoint, {
    description: 'Tenant key: sends `integration.status_changed` events to `url` (https; http only for localhost). The secret is shown only here.',
  })
  async registerWebhook(@Ctx() ctx: RequestContext, @Arg('url', () => String) url: string): Promise<WebhookEndpoint> {
    const { endpoint, secret } = await ctx.services.webhookEndpoints.register(ctx.viewer, requiredTenant(ctx.viewer), url);
    return { ...endpoint, secret };
  }

  @Authorized('STAFF', 'TENANT')
  @Mutation(() => WebhookEndpoint, { description: 'Stops deliveries to an endpoint.' })
  async disableWebhook(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<WebhookEndpoint> {
    const endpoint = await ctx.services.webhookEndpoints.disable(ctx.viewer, id, tenantScope(ctx.viewer));
    return { ...endpoint, secret: null };
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [WebhookEndpoint], { description: 'Webhook endpoints (secrets never shown again). Staff: every tenant or one.' })
  async webhookEndpoints(@Ctx() ctx: RequestContext, @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null): Promise<WebhookEndpoint[]> {
    const endpoints = await ctx.services.webhookEndpoints.list(tenantScope(ctx.viewer, tenantId));
    return endpoints.map((e) => ({ ...e, secret: null }));
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [WebhookDelivery], { description: 'The latest deliveries to one endpoint, newest first. first: 1..100.' })
  async webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<WebhookDelivery[]> {
    return ctx.services.webhookEndpoints.deliveries(endpointId, tenantScope(ctx.viewer), pageSize(first, 20, 100));
  }
}
