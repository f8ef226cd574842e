import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { notFound } from '../errors.js';
import { canSeeTenant } from '../scope.js';
import { toConnection } from '../types/connection.js';
import { Tenant, TenantConnection } from '../types/tenant.type.js';
import { TenantWithApiKey } from '../types/tenantWithApiKey.type.js';

@Resolver(() => Tenant)
export class TenantResolver {
  @Authorized('STAFF')
  @Mutation(() => TenantWithApiKey, { description: 'Staff: a new tenant and its first API key (shown only here).' })
  async createTenant(@Ctx() ctx: RequestContext, @Arg('name', () => String) name: string): Promise<TenantWithApiKey> {
    const created = await ctx.services.tenants.create(ctx.viewer, name);
    return { tenant: created.tenant, apiKey: created.apiKey.apiKey, key: created.apiKey.record };
  }

  @Authorized('STAFF')
  @Query(() => TenantConnection, { description: 'Staff: tenants, oldest first; `search` matches the name (case-insensitive).' })
  async tenants(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
  ) {
    const page = await ctx.services.tenants.list({ first: pageSize(first, 50, 100), after, search });
    return toConnection(page, (t) => t);
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => Tenant, { nullable: true, description: 'One tenant: staff any, a tenant key its own.' })
  async tenant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Tenant | null> {
    if (!canSeeTenant(ctx.viewer, id)) throw notFound('tenant', id);
    return ctx.loaders.tenant.load(id);
  }
}
