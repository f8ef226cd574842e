export interface CachedResponse {
  /** The tenant fingerprint read BEFORE the response was computed: the response is at least this new. */
  fingerprint: string;
  /** The result exactly as Apollo sends it (`{"data":…}` + newline). */
  body: string;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stale: number;
  evicted: number;
  /** Hits answered by the front door, before Apollo (also counted in `hits`). */
  frontDoorHits: number;
  entries: number;
}

/**
 * Responses of cacheable operations, per tenant (least recently used tenants dropped beyond
 * `maxTenants`, at most `maxPerTenant` operations each). An entry is served only while the tenant's
 * fingerprint still equals the one it was computed under; `dropTenant` forgets a tenant at once.
 */
export class ResponseCache {
  private readonly tenants = new Map<string, Map<string, CachedResponse>>();
  /** (document hash, operation name as sent) pairs that were cached for some tenant. */
  private readonly operations = new Set<string>();
  private readonly counters = { hits: 0, misses: 0, stale: 0, evicted: 0, frontDoorHits: 0 };

  constructor(
    private readonly maxTenants = 20_000,
    private readonly maxPerTenant = 16,
  ) {}

  /** The response for `operationKey` if it was computed under `fingerprint`, else undefined. */
  get(tenantKey: string, operationKey: string, fingerprint: string): CachedResponse | undefined {
    const entries = this.tenants.get(tenantKey);
    const entry = entries?.get(operationKey);
    if (!entries || !entry) {
      this.counters.misses++;
      return undefined;
    }
    if (entry.fingerprint !== fingerprint) {
      this.counters.stale++;
      entries.delete(operationKey);
      return undefined;
    }
    // Most recently used tenant last.
    this.tenants.delete(tenantKey);
    this.tenants.set(tenantKey, entries);
    this.counters.hits++;
    return entry;
  }

  countFrontDoorHit(): void {
    this.counters.frontDoorHits++;
  }

  /** Whether this operation (document hash + operation name as sent) was ever cached: a cheap pre-check. */
  knowsOperation(queryHash: string, operationName: string | null | undefined): boolean {
    return this.operations.has(`${queryHash}\n${operationName ?? ''}`);
  }

  rememberOperation(queryHash: string, operationName: string | null | undefined): void {
    if (this.operations.size >= 10_000) this.operations.clear();
    this.operations.add(`${queryHash}\n${operationName ?? ''}`);
  }

  set(tenantKey: string, operationKey: string, entry: CachedResponse): void {
    let entries = this.tenants.get(tenantKey);
    if (entries) this.tenants.delete(tenantKey);
    else entries = new Map();
    this.tenants.set(tenantKey, entries);
    entries.delete(operationKey);
    entries.set(operationKey, entry);
    if (entries.size > this.maxPerTenant) entries.delete(entries.keys().next().value!);
    while (this.tenants.size > this.maxTenants) {
      this.tenants.delete(this.tenants.keys().next().value!);
      this.counters.evicted++;
    }
  }

  /** Whether any response is cached for this operation of this tenant (however old). */
  has(tenantKey: string, operationKey: string): boolean {
    return this.tenants.get(tenantKey)?.has(operationKey) ?? false;
  }

  /** Forgets every response of every viewer of `tenantId` (tenant keys are `<kind>:<tenantId>`). */
  dropTenant(tenantId: string): void {
    for (const kind of TENANT_VIEWER_KINDS) this.tenants.delete(`${kind}:${tenantId}`);
  }

  clear(): void {
    this.tenants.clear();
    this.operations.clear();
  }

  stats(): ResponseCacheStats {
    return { ...this.counters, entries: [...this.tenants.values()].reduce((n, e) => n + e.size, 0) };
  }
}

/** Viewer kinds bound to one tenant, whose responses are cached. */
export const TENANT_VIEWER_KINDS = ['TENANT', 'WIDGET'] as const;
