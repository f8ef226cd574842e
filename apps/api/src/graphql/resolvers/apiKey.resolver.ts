import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { requiredTenant, tenantScope } from '../scope.js';
import { ApiKey, ApiKeyWithSecret } from '../types/apiKey.type.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized('STAFF', 'TENANT')
  @Mutation(() => ApiKeyWithSecret, { description: 'A further API key (e.g. for rotation); staff name the tenant. The key is shown only here.' })
  async createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
    @Arg('name', () => String, { nullable: true, defaultValue: 'default' }) name: string | null,
  ): Promise<ApiKeyWithSecret> {
    const created = await ctx.services.apiKeys.create(ctx.viewer, requiredTenant(ctx.viewer, tenantId), name ?? 'default');
    return { apiKey: created.apiKey, key: created.record };
  }

  @Authorized('STAFF', 'TENANT')
  @Mutation(() => ApiKey, { description: 'Revokes an API key at once (a tenant key may revoke its tenant\'s keys, itself included).' })
  async revokeApiKey(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ApiKey> {
    return ctx.services.apiKeys.revoke(ctx.viewer, id, tenantScope(ctx.viewer));
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [ApiKey], { description: 'A tenant\'s API keys (never the keys themselves).' })
  async apiKeys(@Ctx() ctx: RequestContext, @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null): Promise<ApiKey[]> {
    return ctx.services.apiKeys.list(requiredTenant(ctx.viewer, tenantId));
  }
}
