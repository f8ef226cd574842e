import { Tenant, type RelinkDatabase } from '@relink/db';
import { In } from 'typeorm';
import { badInput } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import { CURSOR_MICROS, CURSOR_TIME, decodeCursor, encodeCursor, type Page } from '../graphql/cursor.js';
import type { Viewer } from '../graphql/viewer.js';
import type { ApiKeyService, CreatedApiKey } from './ApiKeyService.js';
import type { AuditService } from './AuditService.js';

export interface TenantRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface CreatedTenant {
  tenant: TenantRecord;
  apiKey: CreatedApiKey;
}

const toRecord = (row: Tenant): TenantRecord => ({ id: row.id, name: row.name, createdAt: row.createdAt });

export class TenantService {
  constructor(
    private readonly database: RelinkDatabase,
    private readonly apiKeys: ApiKeyService,
    private readonly audit: AuditService,
  ) {}

  async findById(id: string): Promise<TenantRecord | null> {
    if (!isUuid(id)) return null;
    const row = await this.database.dataSource.getRepository(Tenant).findOneBy({ id });
    return row ? toRecord(row) : null;
  }

  /** For DataLoader: one query for many ids. */
  async findByIds(ids: readonly string[]): Promise<TenantRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.database.dataSource.getRepository(Tenant).findBy({ id: In(valid) });
    return rows.map(toRecord);
  }

  /** A new tenant with its first API key, in one transaction (audited). */
  async create(viewer: Viewer, name: string): Promise<CreatedTenant> {
    const clean = name.trim();
    if (clean.length < 1 || clean.length > 200) throw badInput('The tenant name must be 1 to 200 characters.', 'name');
    return this.database.dataSource.transaction(async (em) => {
      const repo = em.getRepository(Tenant);
      const row = await repo.save(repo.create({ name: clean }));
      await this.audit.record(viewer, { action: 'tenant.create', tenantId: row.id, targetType: 'tenant', targetId: row.id, detail: { name: clean } }, em);
      const apiKey = await this.apiKeys.create(viewer, row.id, 'default', em);
      return { tenant: toRecord(row), apiKey };
    });
  }

  /** Tenants oldest first; `search` is a case-insensitive substring of the name. */
  async list(options: { first: number; after?: string | null; search?: string | null }): Promise<Page<TenantRecord>> {
    const qb = this.database.dataSource.getRepository(Tenant).createQueryBuilder('t');
    if (options.search?.trim()) qb.andWhere(`t.name ILIKE :search ESCAPE '\\'`, { search: `%${escapeLike(options.search.trim())}%` });
    const totalCount = await qb.getCount();
    if (options.after) {
      const cursor = decodeCursor(options.after);
      qb.andWhere(`(t.created_at, t.id) > (${CURSOR_TIME}, :cursorId)`, { micros: cursor.micros, cursorId: cursor.id });
    }
    qb.addSelect(CURSOR_MICROS('t.created_at'), 'cursor_micros')
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(options.first + 1);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_micros: string }>();
    const nodes = entities.slice(0, options.first).map((row, i) => ({ node: toRecord(row), cursor: encodeCursor(raw[i]!.cursor_micros, row.id) }));
    return { edges: nodes, hasNextPage: entities.length > options.first, totalCount };
  }
}

/** Escapes `%`, `_` and `\` for a LIKE pattern with ESCAPE '\'. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
