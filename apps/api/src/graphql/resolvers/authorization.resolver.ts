import type { Provider } from '@relink/core';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { parseHttpUrl, parseOrigin } from '../../auth/origin.js';
import { audited } from '../audited.js';
import type { RequestContext } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { requiredTenant, tenantScope } from '../scope.js';
import { AuthorizationStart } from '../types/authorizationStart.type.js';
import { ProviderEnum } from '../types/enums.js';
import { actorOf, type Viewer } from '../viewer.js';

/** Checks returnTo/openerOrigin; a widget may only send the person back to (and hear from) its own origin. */
function browserTargets(viewer: Viewer, returnTo: string | null, openerOrigin: string | null): { returnTo: string | null; openerOrigin: string | null } {
  const target = returnTo ? parseHttpUrl(returnTo, 'returnTo') : null;
  if (viewer.kind === 'WIDGET') {
    if (target && target.origin !== viewer.origin) throw forbidden(`A widget session may only return to its own origin (${viewer.origin}).`);
    if (openerOrigin && parseOrigin(openerOrigin, 'openerOrigin') !== viewer.origin) throw forbidden(`A widget session's popup may only talk to ${viewer.origin}.`);
    return { returnTo: target?.href ?? null, openerOrigin: viewer.origin };
  }
  return { returnTo: target?.href ?? null, openerOrigin: openerOrigin ? parseOrigin(openerOrigin, 'openerOrigin') : null };
}

@Resolver()
export class AuthorizationResolver {
  @Authorized('STAFF', 'TENANT')
  @Mutation(() => AuthorizationStart, {
    description: 'A consent link to connect new ad accounts. Staff pass tenantId. returnTo: where the browser goes afterwards (http/https); openerOrigin: the page that opened the popup.',
  })
  async startConnection(
    @Ctx() ctx: RequestContext,
    @Arg('provider', () => ProviderEnum) provider: Provider,
    @Arg('returnTo', () => String, { nullable: true }) returnTo: string | null,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | null,
    @Arg('openerOrigin', () => String, { nullable: true }) openerOrigin: string | null,
  ): Promise<AuthorizationStart> {
    const tenant = requiredTenant(ctx.viewer, tenantId);
    const targets = browserTargets(ctx.viewer, returnTo, openerOrigin);
    return audited(ctx, { action: 'integration.connect.start', tenantId: tenant, targetType: 'tenant', targetId: tenant, detail: { provider, ...targets } }, () =>
      ctx.services.connections.startAuthorization({ tenantId: tenant, provider, kind: 'connect', ...targets, actor: actorOf(ctx.viewer) }),
    );
  }

  @Authorized()
  @Mutation(() => AuthorizationStart, {
    description: 'A consent link that refreshes one integration\'s token (the widget\'s "Refresh token"). A widget may only return to its own origin.',
  })
  async startReauthorization(
    @Ctx() ctx: RequestContext,
    @Arg('integrationId', () => ID) integrationId: string,
    @Arg('returnTo', () => String, { nullable: true }) returnTo: string | null,
    @Arg('openerOrigin', () => String, { nullable: true }) openerOrigin: string | null,
  ): Promise<AuthorizationStart> {
    const integration = await ctx.services.integrations.findVisible(integrationId, tenantScope(ctx.viewer));
    if (!integration) throw notFound('integration', integrationId);
    const targets = browserTargets(ctx.viewer, returnTo, openerOrigin);
    return audited(
      ctx,
      { action: 'integration.reauthorize.start', tenantId: integration.tenantId, targetType: 'integration', targetId: integration.id, detail: { provider: integration.provider, ...targets } },
      () =>
        ctx.services.connections.startAuthorization({
          tenantId: integration.tenantId,
          provider: integration.provider,
          kind: 'reauthorize',
          integrationId: integration.id,
          ...targets,
          actor: actorOf(ctx.viewer),
        }),
    );
  }
}
