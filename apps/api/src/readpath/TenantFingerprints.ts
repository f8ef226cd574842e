import type { RelinkDatabase } from '@relink/db';
import { preparedQuery } from './preparedQuery.js';

/**
 * What a cached tenant read depends on: the tenant's integrations and the provider identities they
 * point at. One statement for a whole batch of tenants: per tenant the `xmin` (writing transaction)
 * of every integration row version and the identity ids; then the `xmin` of those identities.
 */
export const FINGERPRINT_SQL = `WITH t AS MATERIALIZED (
    SELECT tenant_id, array_agg(xmin) AS xmins, array_agg(identity_id) FILTER (WHERE identity_id IS NOT NULL) AS ids
    FROM integrations WHERE tenant_id = ANY($1::uuid[]) GROUP BY tenant_id)
  SELECT tenant_id::text AS tenant_id, xmins::text AS xmins, ids::text AS ids FROM t
  UNION ALL
  SELECT NULL, xmin::text, id::text FROM provider_identities WHERE id = ANY(ARRAY(SELECT unnest(ids) FROM t))`;

interface FingerprintRow {
  /** null on identity rows. */
  tenant_id: string | null;
  /** `{1,2,3}` on tenant rows, one xmin on identity rows. */
  xmins: string;
  /** `{uuid,…}` or null on tenant rows, the identity's id on identity rows. */
  ids: string | null;
}

/** The fingerprint of a tenant with no integrations at all. */
export const EMPTY_FINGERPRINT = 'empty';

const MAX_BATCH = 500;

const list = (pgArray: string | null): string[] => (pgArray && pgArray.length > 2 ? pgArray.slice(1, -1).split(',') : []);
const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The fingerprint of each tenant in the rows (tenants without integrations are absent). */
export function fingerprintsOf(rows: readonly FingerprintRow[]): Map<string, string> {
  const identities = new Map<string, string>();
  for (const r of rows) if (r.tenant_id === null && r.ids) identities.set(r.ids, r.xmins);
  const out = new Map<string, string>();
  for (const r of rows) {
    if (r.tenant_id === null) continue;
    const xmins = list(r.xmins).sort(ascending);
    const ids = [...new Set(list(r.ids))].sort(ascending).map((id) => `${id}@${identities.get(id) ?? '-'}`);
    out.set(r.tenant_id, `${xmins.join(',')}|${ids.join(',')}`);
  }
  return out;
}

interface Waiter {
  resolve(fingerprint: string): void;
  reject(error: unknown): void;
}

/**
 * Per-tenant fingerprints of every committed row a cached read depends on, built from each row
 * version's `xmin`: ANY committed insert, update or delete of a tenant's integrations (or of an
 * identity they point at), by any process or code path — status changes, new connections,
 * disconnects, renames, direct SQL — changes it; rolled-back work does not. No schema, trigger or
 * writer cooperation is needed; a vacuum freeze can only cause a spurious miss.
 *
 * Reads asked for in one turn of the event loop go out as one statement: a read asked after a
 * commit was acknowledged is sent after it, so it sees that commit.
 */
export class TenantFingerprints {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(private readonly database: RelinkDatabase) {}

  read(tenantId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(tenantId);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(tenantId, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += MAX_BATCH) void this.query(ids.slice(i, i + MAX_BATCH), batch);
  }

  private async query(ids: string[], batch: Map<string, Waiter[]>): Promise<void> {
    try {
      const { rows } = await preparedQuery<FingerprintRow>(this.database, 'relink_tenant_fingerprints', FINGERPRINT_SQL, [ids]);
      const found = fingerprintsOf(rows);
      for (const id of ids) for (const w of batch.get(id) ?? []) w.resolve(found.get(id) ?? EMPTY_FINGERPRINT);
    } catch (error) {
      for (const id of ids) for (const w of batch.get(id) ?? []) w.reject(error);
    }
  }
}
