import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { audited } from '../audited.js';
import type { RequestContext } from '../context.js';
import { notFound } from '../errors.js';
import { tenantScope } from '../scope.js';
import { IntegrationType, toIntegrationType } from '../types/integration.type.js';
import { actorOf } from '../viewer.js';

@Resolver()
export class IntegrationActionsResolver {
  @Authorized('STAFF', 'TENANT')
  @Mutation(() => IntegrationType, { description: 'Asks the provider about this token now and returns the fresh state (PROVIDER_UNAVAILABLE when it could not answer).' })
  async recheckIntegration(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IntegrationType> {
    const scope = tenantScope(ctx.viewer);
    const integration = await ctx.services.integrations.findVisible(id, scope);
    if (!integration) throw notFound('integration', id);
    await audited(ctx, { action: 'integration.recheck', tenantId: integration.tenantId, targetType: 'integration', targetId: id }, () =>
      ctx.services.checks.recheck(id, actorOf(ctx.viewer)),
    );
    const fresh = await ctx.services.integrations.findVisible(id, scope);
    if (!fresh) throw notFound('integration', id);
    return toIntegrationType(fresh);
  }

  @Authorized('STAFF', 'TENANT')
  @Mutation(() => IntegrationType, { description: 'Stops tracking this ad account: revokes its token at the provider when nothing else uses it.' })
  async disconnectIntegration(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IntegrationType> {
    const scope = tenantScope(ctx.viewer);
    const integration = await ctx.services.integrations.findVisible(id, scope);
    if (!integration) throw notFound('integration', id);
    await audited(ctx, { action: 'integration.disconnect', tenantId: integration.tenantId, targetType: 'integration', targetId: id }, () =>
      ctx.services.checks.disconnect(id, actorOf(ctx.viewer)),
    );
    const fresh = await ctx.services.integrations.findVisible(id, scope);
    if (!fresh) throw notFound('integration', id);
    return toIntegrationType(fresh);
  }
}
