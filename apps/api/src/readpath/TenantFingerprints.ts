import type { RelinkDatabase } from '@relink/db';

/**
 * One fingerprint per tenant of every committed row a cached read depends on: its integrations and
 * the provider identities they point at. Built from each row version's `xmin` (the transaction that
 * wrote it), so ANY committed insert, update or delete by ANY process or code path — status changes,
 * new connections, disconnects, renames — changes it, while rolled-back work does not. No schema,
 * trigger or writer cooperation needed; a vacuum freeze can only cause a spurious miss.
 */
export const FINGERPRINT_SQL = `SELECT i.tenant_id::text AS tenant_id,
    md5(string_agg(i.xmin::text || '/' || coalesce(p.xmin::text, '-'), ',' ORDER BY i.id)) || ':' || count(*) AS fingerprint
  FROM integrations i LEFT JOIN provider_identities p ON p.id = i.identity_id
  WHERE i.tenant_id = ANY($1::uuid[])
  GROUP BY i.tenant_id`;

/** The fingerprint of a tenant with no integrations at all. */
export const EMPTY_FINGERPRINT = 'empty';

const MAX_BATCH = 500;

interface Waiter {
  resolve(fingerprint: string): void;
  reject(error: unknown): void;
}

/**
 * Reads tenant fingerprints, batching every read asked for in one turn of the event loop into one
 * statement (a read asked after a commit was acknowledged is sent after it, so it sees that commit).
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
      const { rows } = await this.database.executeSql<{ tenant_id: string; fingerprint: string }>(FINGERPRINT_SQL, [ids]);
      const found = new Map(rows.map((r) => [r.tenant_id, r.fingerprint]));
      for (const id of ids) for (const w of batch.get(id) ?? []) w.resolve(found.get(id) ?? EMPTY_FINGERPRINT);
    } catch (error) {
      for (const id of ids) for (const w of batch.get(id) ?? []) w.reject(error);
    }
  }
}
