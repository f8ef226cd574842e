import { ApiKey, type RelinkDatabase } from '@relink/db';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../graphql/viewer.js';
import type { AuditService } from './AuditService.js';
import { API_KEY_PREFIX, randomSecret, sha256Hex } from '../auth/secrets.js';
import { badInput, notFound } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import { preparedQuery } from '../readpath/preparedQuery.js';

/** A key as the owner may see it again later: never the key itself. */
export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiKey {
  /** The whole key: shown once, then only its sha256 is kept. */
  apiKey: string;
  record: ApiKeyRecord;
}

const VISIBLE_CHARS = API_KEY_PREFIX.length + 4;

const KEY_BY_HASH_SQL = 'SELECT id, tenant_id, name, prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE key_hash = $1';
interface KeyRow {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}
const dateOf = (value: Date | string | null): Date | null => (value === null || value instanceof Date ? value : new Date(value));
const keyRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  prefix: r.prefix,
  createdAt: dateOf(r.created_at)!,
  lastUsedAt: dateOf(r.last_used_at),
  revokedAt: dateOf(r.revoked_at),
});
const LAST_USED_RESOLUTION_MS = 60_000;

const toRecord = (row: ApiKey): ApiKeyRecord => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

/** Tenant API keys (`rlk_live_…`): random, stored as sha256 plus a visible prefix. */
export class ApiKeyService {
  constructor(
    private readonly database: RelinkDatabase,
    private readonly audit: AuditService,
  ) {}

  /** Creates a key for `tenantId` (audited); inside `manager` when given (e.g. with the tenant itself). */
  async create(viewer: Viewer, tenantId: string, name = 'default', manager?: EntityManager): Promise<CreatedApiKey> {
    const label = name.trim();
    if (label.length < 1 || label.length > 100) throw badInput('The key name must be 1 to 100 characters.', 'name');
    const run = async (em: EntityManager): Promise<CreatedApiKey> => {
      const apiKey = randomSecret(API_KEY_PREFIX, 32);
      const repo = em.getRepository(ApiKey);
      const row = await repo.save(repo.create({ tenantId, name: label, prefix: apiKey.slice(0, VISIBLE_CHARS), keyHash: sha256Hex(apiKey), lastUsedAt: null, revokedAt: null }));
      await this.audit.record(viewer, { action: 'api_key.create', tenantId, targetType: 'api_key', targetId: row.id, detail: { name: label, prefix: row.prefix } }, em);
      return { apiKey, record: toRecord(row) };
    };
    return manager ? run(manager) : this.database.dataSource.transaction(run);
  }

  /**
   * The live key `apiKey` is, or null. Records use at most once a minute so a busy host app
   * does not turn every read into a write.
   */
  async verify(apiKey: string): Promise<ApiKeyRecord | null> {
    if (!apiKey.startsWith(API_KEY_PREFIX)) return null;
    // Every API-key request runs this: a prepared statement, not a TypeORM query (bench/read, README "Read path").
    const { rows } = await preparedQuery<KeyRow>(this.database, 'relink_api_key_by_hash', KEY_BY_HASH_SQL, [sha256Hex(apiKey)]);
    const row = rows[0] && keyRecord(rows[0]);
    if (!row || row.revokedAt) return null;
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.database.dataSource.query(
        `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.id],
      );
      row.lastUsedAt = new Date(now);
    }
    return row;
  }

  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.database.dataSource.getRepository(ApiKey).find({ where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.database.dataSource.getRepository(ApiKey).findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** Revokes a key of `tenantId` (undefined: any tenant); a revoked key stops working at once. */
  async revoke(viewer: Viewer, id: string, tenantId: string | undefined): Promise<ApiKeyRecord> {
    const key = await this.findById(id);
    if (!key || (tenantId !== undefined && key.tenantId !== tenantId)) throw notFound('API key', id);
    if (key.revokedAt) return key;
    const revokedAt = new Date();
    await this.database.dataSource.transaction(async (em) => {
      await em.getRepository(ApiKey).update({ id }, { revokedAt });
      await this.audit.record(viewer, { action: 'api_key.revoke', tenantId: key.tenantId, targetType: 'api_key', targetId: id, detail: { prefix: key.prefix } }, em);
    });
    return { ...key, revokedAt };
  }
}
