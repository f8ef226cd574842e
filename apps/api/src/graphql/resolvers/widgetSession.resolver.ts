import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { requiredTenant, tenantScope } from '../scope.js';
import { WidgetSession } from '../types/widgetSession.type.js';

@Resolver(() => WidgetSession)
export class WidgetSessionResolver {
  @Authorized('TENANT')
  @Mutation(() => WidgetSession, {
    description: 'Tenant key: a token for <relink-banner> that works only from `allowedOrigin` (an origin, no path) for ttlSeconds (60..86400).',
  })
  async createWidgetSession(
    @Ctx() ctx: RequestContext,
    @Arg('allowedOrigin', () => String) allowedOrigin: string,
    @Arg('ttlSeconds', () => Int, { nullable: true, defaultValue: 900 }) ttlSeconds: number | null,
  ): Promise<WidgetSession> {
    const { token, session } = await ctx.services.widgetSessions.create(ctx.viewer, requiredTenant(ctx.viewer), allowedOrigin, ttlSeconds ?? 900);
    return { token, ...session };
  }

  @Authorized('STAFF', 'TENANT')
  @Mutation(() => WidgetSession, { description: 'Ends a widget session at once.' })
  async revokeWidgetSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<WidgetSession> {
    const session = await ctx.services.widgetSessions.revoke(ctx.viewer, id, tenantScope(ctx.viewer));
    return { token: '', ...session };
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [WidgetSession], { description: 'A tenant\'s latest widget sessions (tokens are never shown again).' })
  async widgetSessions(@Ctx() ctx: RequestContext, @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null): Promise<WidgetSession[]> {
    const sessions = await ctx.services.widgetSessions.list(requiredTenant(ctx.viewer, tenantId));
    return sessions.map((s) => ({ token: '', ...s }));
  }
}
