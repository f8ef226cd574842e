import { Authorized, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../context.js';
import { unauthenticated } from '../errors.js';
import { createLoaders } from '../loaders.js';
import { END, mapAsyncIterator, SKIP } from '../mapAsyncIterator.js';
import { tenantScope } from '../scope.js';
import { IntegrationType, toIntegrationType } from '../types/integration.type.js';

/**
 * Committed status changes of the caller's tenant (staff: every tenant), each resolved to the fresh
 * integration. Fed by the StatusBus, which hears every API process through LISTEN/NOTIFY.
 */
export function integrationChanges(ctx: RequestContext): AsyncIterableIterator<IntegrationType> {
  const { viewer, services } = ctx;
  if (viewer.kind === 'ANONYMOUS') throw unauthenticated();
  const scope = tenantScope(viewer);
  const notices = services.statusBus.iterate((notice) => scope === undefined || notice.tenantId === scope);
  return mapAsyncIterator(notices, async (notice) => {
    if (viewer.kind === 'WIDGET' && !(await services.widgetSessions.isLive(viewer.sessionId))) return END;
    const row = await services.integrations.findVisible(notice.integrationId, scope);
    if (!row) return SKIP;
    // Each event is resolved with fresh loaders: the operation's context lives as long as the subscription.
    ctx.loaders = createLoaders(services);
    return toIntegrationType(row);
  });
}

@Resolver()
export class SubscriptionResolver {
  @Authorized()
  @Subscription(() => IntegrationType, {
    description: 'Every committed status change of your tenant\'s integrations (staff: all tenants), over graphql-ws on /graphql.',
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, never>, RequestContext>) => integrationChanges(context),
  })
  integrationStatusChanged(@Root() integration: IntegrationType): IntegrationType {
    return integration;
  }
}
