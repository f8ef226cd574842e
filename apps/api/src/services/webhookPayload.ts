import type { Integration } from '@relink/db';

/** The body of an outgoing `integration.status_changed` webhook (contract: Standard Webhooks). */
export function webhookPayload(integration: Integration, at: Date, previousStatus: string): Record<string, unknown> {
  return {
    type: 'integration.status_changed',
    timestamp: at.toISOString(),
    data: {
      integration: {
        id: integration.id,
        tenantId: integration.tenantId,
        provider: integration.provider,
        externalAccountId: integration.externalAccountId,
        name: integration.name,
        status: integration.status,
        cause: integration.cause,
        untrackedSince: integration.untrackedSince?.toISOString() ?? null,
      },
      previousStatus,
    },
  };
}
