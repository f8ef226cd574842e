import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { MAX_ERROR_BODY_CHARS, REPORT_COALESCE_SECONDS } from '../../services/HostFailureReportService.js';
import { audited } from '../audited.js';
import type { RequestContext } from '../context.js';
import { notFound } from '../errors.js';
import { tenantScope } from '../scope.js';
import { IntegrationType, toIntegrationType } from '../types/integration.type.js';
import { actorOf } from '../viewer.js';

@Resolver()
export class IntegrationActionsResolver {
  @Authorized('STAFF', 'TENANT')
  @Mutation(() => IntegrationType, { description: 'Asks the provider about this token now and returns the fresh state (PROVIDER_UNAVAILABLE when it could not answer).' })
  async recheckIntegration(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IntegrationType> {
    const scope = tenantScope(ctx.viewer);
    const integration = await ctx.services.integrations.findVisible(id, scope);
    if (!integration) throw notFound('integration', id);
    await audited(ctx, { action: 'integration.recheck', tenantId: integration.tenantId, targetType: 'integration', targetId: id }, () =>
      ctx.services.checks.recheck(id, actorOf(ctx.viewer)),
    );
    const fresh = await ctx.services.integrations.findVisible(id, scope);
    if (!fresh) throw notFound('integration', id);
    return toIntegrationType(fresh);
  }

  // Not a widget session: the contract lets one read its tenant's integrations and start reauthorization, nothing else.
  @Authorized('STAFF', 'TENANT')
  @Mutation(() => IntegrationType, {
    description:
      'A host app tells Relink that a provider API call with this integration\'s token just failed. The status does not change on ' +
      'the host\'s word: the report is recorded in the history (with the cause the provider\'s error body points at, if it is one) ' +
      `and the monitor checks the token within seconds. Reports within ${REPORT_COALESCE_SECONDS} s of one that already asked for ` +
      `a check are recorded only. httpStatus: the provider's HTTP status (100–599); errorBody: its response body, at most ${MAX_ERROR_BODY_CHARS} characters.`,
  })
  async reportProviderFailure(
    @Ctx() ctx: RequestContext,
    @Arg('integrationId', () => ID) integrationId: string,
    @Arg('httpStatus', () => Int, { nullable: true }) httpStatus: number | null,
    @Arg('errorBody', () => String, { nullable: true }) errorBody: string | null,
  ): Promise<IntegrationType> {
    const scope = tenantScope(ctx.viewer);
    const integration = await ctx.services.integrations.findVisible(integrationId, scope);
    if (!integration) throw notFound('integration', integrationId);
    await audited(
      ctx,
      { action: 'integration.report_failure', tenantId: integration.tenantId, targetType: 'integration', targetId: integration.id, detail: { httpStatus } },
      () => ctx.services.hostFailures.report(integration, { httpStatus, errorBody }, actorOf(ctx.viewer)),
    );
    const fresh = await ctx.services.integrations.findVisible(integration.id, scope);
    if (!fresh) throw notFound('integration', integrationId);
    return toIntegrationType(fresh);
  }

  @Authorized('STAFF', 'TENANT')
  @Mutation(() => IntegrationType, { description: 'Stops tracking this ad account: revokes its token at the provider when nothing else uses it.' })
  async disconnectIntegration(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<IntegrationType> {
    const scope = tenantScope(ctx.viewer);
    const integration = await ctx.services.integrations.findVisible(id, scope);
    if (!integration) throw notFound('integration', id);
    await audited(ctx, { action: 'integration.disconnect', tenantId: integration.tenantId, targetType: 'integration', targetId: id }, () =>
      ctx.services.checks.disconnect(id, actorOf(ctx.viewer)),
    );
    const fresh = await ctx.services.integrations.findVisible(id, scope);
    if (!fresh) throw notFound('integration', id);
    return toIntegrationType(fresh);
  }
}
