import { causeInfo, INVALIDATION_CAUSES } from '@relink/core';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { tenantScope } from '../scope.js';
import { CauseInfoType } from '../types/causeInfo.type.js';
import { HealthSummary } from '../types/healthSummary.type.js';
import { IdentityExposureType } from '../types/identityExposure.type.js';
import { InvalidationDayCount, TenantUntracked, UntrackedDay } from '../types/stats.type.js';

@Resolver(() => HealthSummary)
export class HealthResolver {
  @Authorized()
  @Query(() => HealthSummary, { description: 'Counts by status. Staff: one tenant or (no tenantId) all; others: their own.' })
  async healthSummary(@Ctx() ctx: RequestContext, @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null): Promise<HealthSummary> {
    const scope = tenantScope(ctx.viewer, tenantId);
    return { ...(await ctx.services.integrations.healthCounts(scope)), scopeTenantId: scope };
  }

  @FieldResolver(() => Int, { description: 'Untracked seconds over the last sinceDays days (1..366), each integration counted on its own.' })
  async untrackedSeconds(
    @Root() summary: HealthSummary,
    @Ctx() ctx: RequestContext,
    @Arg('sinceDays', () => Int, { nullable: true, defaultValue: 30 }) sinceDays: number | null,
  ): Promise<number> {
    return ctx.services.integrations.untrackedSeconds(summary.scopeTenantId, sinceDays ?? 30);
  }

  @Query(() => [CauseInfoType], { description: 'Every invalidation cause with its copy; answers without a token. locale: en (default) or de.' })
  invalidationCauses(@Arg('locale', () => String, { nullable: true }) locale: string | null): CauseInfoType[] {
    return INVALIDATION_CAUSES.map((code) => causeInfo(code, locale ?? undefined));
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [IdentityExposureType], {
    description: 'Which people\'s provider accounts hold up how many integrations. A tenant key sees only its own integrations.',
  })
  async blastRadius(@Ctx() ctx: RequestContext, @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null): Promise<IdentityExposureType[]> {
    const exposures = await ctx.services.integrations.blastRadius(tenantScope(ctx.viewer, tenantId));
    return exposures.map((e) => ({
      identity: { id: e.identityId, ...e.identity },
      integrationCount: e.integrationCount,
      tenantCount: e.tenantCount,
      agencyPattern: e.agencyPattern,
    }));
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [InvalidationDayCount], { description: 'Invalidations per UTC day and cause over the last `days` days (1..366).' })
  async invalidationsByDay(
    @Ctx() ctx: RequestContext,
    @Arg('days', () => Int, { nullable: true, defaultValue: 30 }) days: number | null,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
  ): Promise<InvalidationDayCount[]> {
    return ctx.services.integrations.invalidationsByDay(tenantScope(ctx.viewer, tenantId), days ?? 30);
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [UntrackedDay], { description: 'Untracked seconds per UTC day over the last `days` days (1..366), every day listed.' })
  async untrackedByDay(
    @Ctx() ctx: RequestContext,
    @Arg('days', () => Int, { nullable: true, defaultValue: 30 }) days: number | null,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
  ): Promise<UntrackedDay[]> {
    return ctx.services.integrations.untrackedByDay(tenantScope(ctx.viewer, tenantId), days ?? 30);
  }

  @Authorized('STAFF', 'TENANT')
  @Query(() => [TenantUntracked], { description: 'Tenants with the most untracked time over the last sinceDays days. A tenant key sees only itself.' })
  async tenantUntrackedRanking(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg('sinceDays', () => Int, { nullable: true, defaultValue: 30 }) sinceDays: number | null,
  ): Promise<TenantUntracked[]> {
    const ranking = await ctx.services.integrations.tenantUntrackedRanking(tenantScope(ctx.viewer), pageSize(first, 20, 100), sinceDays ?? 30);
    return Promise.all(
      ranking.map(async (r) => ({ tenantId: r.tenantId, tenant: await ctx.loaders.tenant.load(r.tenantId), untrackedSeconds: r.seconds, brokenCount: r.brokenCount })),
    );
  }
}
