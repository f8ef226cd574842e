import { isProvider, type Provider } from '@relink/core';
import type { LeaseRelease } from '../services/StatusService.js';
import type { LeasedRow } from './IntegrationLeases.js';

/**
 * What the monitor needs from the provider layer: `services.checks.checkMany(ids)` asks the providers
 * about these integrations (Facebook: debug_token, 50 per Graph batch; Google: refresh + a cheap Ads
 * call) and applies every result through StatusService, with the credential version read at check start.
 */
export interface IntegrationChecker {
  /** With `release`, the checker may end each lease with the result (and says so with `leaseReleased: true`). */
  checkMany(integrationIds: string[], options?: { release?: LeaseRelease }): Promise<unknown>;
}

/** How one provider fared in one check job. */
export interface ProviderBatchSummary {
  provider: Provider;
  /** Integrations whose check was recorded (lastCheckedAt moved). */
  checked: number;
  /** …of which the answer was transient (no real answer from the provider). */
  transient: number;
  /** The longest wait the provider asked for (Retry-After, usage headers), in seconds. */
  askedSeconds?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Items of a checkMany result: an array, or `{ results: [...] }`. Anything else: none. */
function resultItems(result: unknown): Record<string, unknown>[] {
  const list = Array.isArray(result) ? result : isRecord(result) && Array.isArray(result.results) ? result.results : [];
  return list.filter(isRecord);
}

function numberIn(record: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    if (isRecord(value)) {
      const nested = numberIn(value, ...keys);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/** Waits a provider asked for, by provider, read from whatever checkMany reported (if anything). */
export function askedWaits(result: unknown, providerOf: ReadonlyMap<string, Provider>): Map<Provider, number> {
  const waits = new Map<Provider, number>();
  const note = (provider: Provider, seconds: number | undefined) => {
    if (seconds !== undefined) waits.set(provider, Math.max(waits.get(provider) ?? 0, seconds));
  };
  for (const item of resultItems(result)) {
    const id = typeof item.integrationId === 'string' ? item.integrationId : typeof item.id === 'string' ? item.id : undefined;
    const provider = id !== undefined ? providerOf.get(id) : isProvider(item.provider) ? item.provider : undefined;
    if (provider) note(provider, numberIn(item, 'retryAfterSeconds', 'backoffSeconds', 'result'));
  }
  if (isRecord(result) && isRecord(result.backoff)) {
    for (const [key, value] of Object.entries(result.backoff)) {
      if (isProvider(key) && typeof value === 'number') note(key, value > 0 ? value : undefined);
    }
  }
  return waits;
}

/**
 * The rows as the checker left them, when it reported every one (the provider layer returns each
 * integration after its result was applied); `undefined` means the monitor must read them.
 */
export function rowsReported(result: unknown, ids: readonly string[]): LeasedRow[] | undefined {
  const byId = new Map<string, LeasedRow>();
  for (const item of resultItems(result)) {
    const row = item.integration;
    if (isRecord(row) && typeof row.id === 'string' && typeof row.status === 'string' && isProvider(row.provider)) byId.set(row.id, row as unknown as LeasedRow);
  }
  const rows = ids.map((id) => byId.get(id));
  return rows.every((row) => row !== undefined) ? rows : undefined;
}

/** Integrations whose lease the checker already ended with their result. */
export function leasesReleased(result: unknown): Set<string> {
  const ids = new Set<string>();
  for (const item of resultItems(result)) if (item.leaseReleased === true && typeof item.integrationId === 'string') ids.add(item.integrationId);
  return ids;
}

/** Per provider: how many of the batch were checked, and how many only transiently. */
export function summarizeBatch(rowsAfter: readonly LeasedRow[], startedAt: Date, result: unknown): ProviderBatchSummary[] {
  const providerOf = new Map(rowsAfter.map((r) => [r.id, r.provider] as const));
  const waits = askedWaits(result, providerOf);
  const byProvider = new Map<Provider, ProviderBatchSummary>();
  for (const row of rowsAfter) {
    const summary = byProvider.get(row.provider) ?? { provider: row.provider, checked: 0, transient: 0 };
    if (row.lastCheckedAt && row.lastCheckedAt.getTime() >= startedAt.getTime() - 1) {
      summary.checked += 1;
      if (row.consecutiveTransientFailures > 0) summary.transient += 1;
    }
    byProvider.set(row.provider, summary);
  }
  return [...byProvider.values()].map((s) => {
    const asked = waits.get(s.provider);
    return asked !== undefined ? { ...s, askedSeconds: asked } : s;
  });
}
