import type { GraphqlClient } from './GraphqlClient.js';
import { deliveriesOperation, WEBHOOK_ENDPOINTS, type DeliveryJson } from './operations.js';
import type { Notification } from './types.js';

function integrationIdOf(delivery: DeliveryJson): unknown {
  const data = delivery.payload['data'];
  const integration = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['integration'] : undefined;
  return typeof integration === 'object' && integration !== null ? (integration as Record<string, unknown>)['id'] : undefined;
}

/**
 * The webhook messages sent to the tenant about one integration (from each endpoint's latest 100
 * deliveries), newest first. The API lists deliveries per endpoint, so this filters by payload.
 */
export async function notificationsFor(client: GraphqlClient, tenantId: string, integrationId: string, signal?: AbortSignal): Promise<Notification[]> {
  const { webhookEndpoints } = await client.request(WEBHOOK_ENDPOINTS, { tenantId }, signal);
  if (webhookEndpoints.length === 0) return [];
  const variables = Object.fromEntries(webhookEndpoints.map((e, i) => [`e${i}`, e.id]));
  const result = await client.request(deliveriesOperation(webhookEndpoints.length), variables, signal);
  const notifications: Notification[] = [];
  webhookEndpoints.forEach((endpoint, i) => {
    for (const d of result[`d${i}`] ?? []) {
      if (integrationIdOf(d) !== integrationId) continue;
      const { payload: _payload, ...rest } = d;
      notifications.push({ ...rest, endpointUrl: endpoint.url });
    }
  });
  return notifications.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
