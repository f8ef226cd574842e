import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { tenantScope } from '../scope.js';
import { AuditLogConnection } from '../types/auditLogEntry.type.js';
import { toConnection } from '../types/connection.js';

@Resolver()
export class AuditResolver {
  @Authorized('STAFF', 'TENANT')
  @Query(() => AuditLogConnection, { description: 'Who did what, newest first. Staff: every tenant or one; a tenant key: its own.' })
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
  ) {
    const page = await ctx.services.audit.list({ tenantId: tenantScope(ctx.viewer, tenantId), first: pageSize(first, 50, 100), after });
    return toConnection(page, (entry) => entry);
  }
}
