import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { ViewerType } from '../types/viewer.type.js';
import { viewerTenantId } from '../viewer.js';

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerType, { name: 'viewer', description: 'Who the current token belongs to; answers without a token.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerType> {
    const tenantId = viewerTenantId(ctx.viewer);
    const tenant = tenantId ? await ctx.services.tenants.findById(tenantId) : null;
    return { kind: ctx.viewer.kind, tenant };
  }
}
