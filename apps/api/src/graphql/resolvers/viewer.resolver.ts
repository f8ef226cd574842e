import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { ViewerType } from '../types/viewer.type.js';
import { viewerTenantId } from '../viewer.js';

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerType, { name: 'viewer', description: 'Who the current token belongs to; answers without a token.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerType> {
    const { viewer } = ctx;
    const tenantId = viewerTenantId(viewer);
    const tenant = tenantId ? await ctx.loaders.tenant.load(tenantId) : null;
    return {
      kind: viewer.kind,
      tenant,
      name: viewer.kind === 'STAFF' ? viewer.name : null,
      allowedOrigin: viewer.kind === 'WIDGET' ? viewer.origin : null,
      expiresAt: viewer.kind === 'WIDGET' ? viewer.expiresAt : null,
    };
  }
}
