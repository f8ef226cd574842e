import DataLoader from 'dataloader';
import type { Services } from '../services/services.js';
import type { IntegrationEvent, ProviderIdentity, UntrackedWindow } from '@relink/db';
import type { TenantRecord } from '../services/TenantService.js';
import type { IntegrationNotificationRecord } from '../services/WebhookEndpointService.js';

/** An integration the viewer may see, as the notifications loader needs it. */
export interface IntegrationKey {
  integrationId: string;
  tenantId: string;
}

/** Orders a batch's rows as DataLoader wants them: one entry per key, null for a missing one. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): Array<V | null> {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups a batch's rows per key: one (possibly empty) list per key. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Per-request batching so no list does N+1 queries. Loaders read rows by id only; every caller
 * has already checked that the parent row is visible to the viewer.
 */
export function createLoaders(services: Services) {
  const integrations = services.integrations;
  const eventLoaders = new Map<number, DataLoader<string, IntegrationEvent[]>>();
  const notificationLoaders = new Map<number, DataLoader<IntegrationKey, IntegrationNotificationRecord[], string>>();
  return {
    tenant: new DataLoader<string, TenantRecord | null>(async (ids) => byKey(ids, await services.tenants.findByIds(ids), (t) => t.id)),
    identity: new DataLoader<string, ProviderIdentity | null>(async (ids) => byKey(ids, await integrations.identitiesByIds(ids), (p) => p.id)),
    /** Every untracked window of an integration, oldest first. */
    windows: new DataLoader<string, UntrackedWindow[]>(async (ids) => groupByKey(ids, await integrations.windowsByIntegrationIds(ids), (w) => w.integrationId)),
    /** The latest `first` history rows of an integration (one loader per page size). */
    events(first: number): DataLoader<string, IntegrationEvent[]> {
      let loader = eventLoaders.get(first);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupByKey(ids, await integrations.eventsByIntegrationIds(ids, first), (e) => e.integrationId));
        eventLoaders.set(first, loader);
      }
      return loader;
    },
    /** The latest `first` webhook deliveries about an integration, newest first (one loader per page size). */
    notifications(first: number): DataLoader<IntegrationKey, IntegrationNotificationRecord[], string> {
      let loader = notificationLoaders.get(first);
      if (!loader) {
        loader = new DataLoader(
          async (keys) => groupByKey(keys.map((k) => k.integrationId), await services.webhookEndpoints.notificationsByIntegration(keys, first), (d) => d.integrationId),
          { cacheKeyFn: (key) => key.integrationId },
        );
        notificationLoaders.set(first, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
