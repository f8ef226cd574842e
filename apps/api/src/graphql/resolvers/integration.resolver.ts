import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { IntegrationFilter } from '../inputs/integrationFilter.input.js';
import { IntegrationOrder } from '../inputs/integrationOrder.input.js';
import { DEFAULT_INTEGRATION_ORDER } from '../integrationOrder.js';
import { tenantScope } from '../scope.js';
import { toConnection } from '../types/connection.js';
import { IntegrationConnection, IntegrationType, toIntegrationType } from '../types/integration.type.js';

@Resolver(() => IntegrationType)
export class IntegrationResolver {
  @Authorized()
  @Query(() => IntegrationConnection, {
    description:
      'Integrations (Relay), oldest first unless orderBy says otherwise. Staff see every tenant (or filter.tenantId); others only their own. first: 1..100.',
  })
  async integrations(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => IntegrationFilter, { nullable: true }) filter: IntegrationFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => IntegrationOrder, { nullable: true }) orderBy: IntegrationOrder | null,
  ) {
    const scope = tenantScope(ctx.viewer, filter?.tenantId);
    const order = orderBy ? { field: orderBy.field, direction: orderBy.direction ?? 'ASC' } : DEFAULT_INTEGRATION_ORDER;
    const page = await ctx.services.integrations.list({ ...filter, tenantId: scope }, pageSize(first, 50, 100), after, order);
    return toConnection(page, toIntegrationType);
  }

  @Authorized()
  @Query(() => IntegrationType, { nullable: true, description: 'One integration; null when it does not exist or is not yours.' })
  async integration(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IntegrationType | null> {
    const row = await ctx.services.integrations.findVisible(id, tenantScope(ctx.viewer));
    return row ? toIntegrationType(row) : null;
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [IntegrationType], { description: 'Integrations untracked the longest (open windows, oldest first).' })
  async longestBroken(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
  ): Promise<IntegrationType[]> {
    const rows = await ctx.services.integrations.longestBroken(tenantScope(ctx.viewer, tenantId), pageSize(first, 20, 100));
    return rows.map(toIntegrationType);
  }
}
