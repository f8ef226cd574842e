import { causeInfo, untrackedSeconds } from '@relink/core';
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { pageSize } from '../cursor.js';
import { CauseInfoType } from '../types/causeInfo.type.js';
import { IntegrationEventType } from '../types/integrationEvent.type.js';
import { IntegrationType } from '../types/integration.type.js';
import { ProviderIdentityType } from '../types/providerIdentity.type.js';
import { DateTime } from '../types/scalars.js';
import { Tenant } from '../types/tenant.type.js';
import { UntrackedWindowType } from '../types/untrackedWindow.type.js';
import { WebhookDelivery } from '../types/webhook.type.js';

/** The fields of Integration that need more than its row; all batched through the request's loaders. */
@Resolver(() => IntegrationType)
export class IntegrationFieldsResolver {
  @FieldResolver(() => CauseInfoType, { nullable: true, description: 'Why it is not healthy, in plain words; null while healthy. locale: en (default) or de.' })
  cause(@Root() integration: IntegrationType, @Arg('locale', () => String, { nullable: true }) locale: string | null): CauseInfoType | null {
    return integration.cause ? causeInfo(integration.cause, locale ?? undefined) : null;
  }

  @FieldResolver(() => [UntrackedWindowType], { description: 'Untracked windows, oldest first; `since` keeps those still open at or after it.' })
  async untrackedWindows(
    @Root() integration: IntegrationType,
    @Ctx() ctx: RequestContext,
    @Arg('since', () => DateTime, { nullable: true }) since: Date | null,
  ): Promise<UntrackedWindowType[]> {
    const now = new Date();
    const windows = await ctx.loaders.windows.load(integration.id);
    return windows
      .filter((w) => !since || w.endedAt === null || w.endedAt >= since)
      .map((w) => ({ startedAt: w.startedAt, endedAt: w.endedAt, cause: w.cause, seconds: untrackedSeconds([w], { now }) }));
  }

  @FieldResolver(() => Int, { description: 'Untracked seconds in total, or from `since` on (open windows count until now).' })
  async untrackedSeconds(
    @Root() integration: IntegrationType,
    @Ctx() ctx: RequestContext,
    @Arg('since', () => DateTime, { nullable: true }) since: Date | null,
  ): Promise<number> {
    const windows = await ctx.loaders.windows.load(integration.id);
    return untrackedSeconds(windows, since ? { since } : {});
  }

  @FieldResolver(() => [IntegrationEventType], { description: 'History, newest first. first: 1..100.' })
  async events(
    @Root() integration: IntegrationType,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<IntegrationEventType[]> {
    return ctx.loaders.events(pageSize(first, 20, 100)).load(integration.id);
  }

  // Staff only for now: tenant reads of `integrations` go through the read path's per-tenant cache,
  // which is invalidated by integration rows, not by delivery state (see UNCACHEABLE_FIELDS there).
  // Tenants read their deliveries per endpoint with webhookDeliveries.
  @Authorized('STAFF')
  @FieldResolver(() => [WebhookDelivery], {
    description:
      'Staff: webhook messages sent to the tenant about this integration (any of its endpoints), newest first, with their delivery state. first: 1..100.',
  })
  async notifications(
    @Root() integration: IntegrationType,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<WebhookDelivery[]> {
    return ctx.loaders.notifications(pageSize(first, 20, 100)).load({ integrationId: integration.id, tenantId: integration.tenantId });
  }

  @FieldResolver(() => ProviderIdentityType, { nullable: true, description: 'The person who authorized it, when known.' })
  async authorizedBy(@Root() integration: IntegrationType, @Ctx() ctx: RequestContext): Promise<ProviderIdentityType | null> {
    return integration.identityId ? ctx.loaders.identity.load(integration.identityId) : null;
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The tenant it belongs to.' })
  async tenant(@Root() integration: IntegrationType, @Ctx() ctx: RequestContext): Promise<Tenant | null> {
    return ctx.loaders.tenant.load(integration.tenantId);
  }
}
