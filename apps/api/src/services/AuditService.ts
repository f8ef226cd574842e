import { AuditLogEntry, type AuditActorKind, type RelinkDatabase } from '@relink/db';
import type { EntityManager } from 'typeorm';
import { CURSOR_MICROS, CURSOR_TIME, decodeCursor, encodeCursor, type Page } from '../graphql/cursor.js';
import type { Viewer } from '../graphql/viewer.js';

export interface AuditInput {
  /** e.g. `tenant.create`, `integration.recheck`, `integration.reauthorize.start`. */
  action: string;
  tenantId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actorKind: AuditActorKind;
  actorId: string | null;
  actorName: string | null;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
}

function actorColumns(viewer: Viewer): { actorKind: AuditActorKind; actorId: string | null; actorName: string | null } {
  switch (viewer.kind) {
    case 'STAFF':
      return { actorKind: 'STAFF', actorId: viewer.staffId, actorName: viewer.name };
    case 'TENANT':
      return { actorKind: 'TENANT', actorId: viewer.apiKeyId, actorName: null };
    case 'WIDGET':
      return { actorKind: 'WIDGET', actorId: viewer.sessionId, actorName: viewer.origin };
    case 'ANONYMOUS':
      return { actorKind: 'SYSTEM', actorId: null, actorName: 'anonymous' };
  }
}

const toRecord = (row: AuditLogEntry): AuditRecord => ({
  id: row.id,
  at: row.at,
  actorKind: row.actorKind,
  actorId: row.actorId,
  actorName: row.actorName,
  tenantId: row.tenantId,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  detail: row.detail,
});

/** The append-only record of who did what, when, to what. Never holds a secret. */
export class AuditService {
  constructor(private readonly database: RelinkDatabase) {}

  async record(viewer: Viewer, input: AuditInput, manager?: EntityManager): Promise<void> {
    const repo = (manager ?? this.database.dataSource.manager).getRepository(AuditLogEntry);
    const entry = repo.create({
      ...actorColumns(viewer),
      tenantId: input.tenantId ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      detail: input.detail ?? {},
    });
    await repo.save(entry, { reload: false });
  }

  /** Newest first; `tenantId` limits to one tenant (always set for non-staff callers). */
  async list(options: { tenantId?: string; first: number; after?: string | null }): Promise<Page<AuditRecord>> {
    const qb = this.database.dataSource.getRepository(AuditLogEntry).createQueryBuilder('a');
    if (options.tenantId) qb.andWhere('a.tenant_id = :tenantId', { tenantId: options.tenantId });
    const totalCount = await qb.getCount();
    if (options.after) {
      const cursor = decodeCursor(options.after);
      qb.andWhere(`(a.created_at, a.id) < (${CURSOR_TIME}, :cursorId)`, { micros: cursor.micros, cursorId: cursor.id });
    }
    qb.addSelect(CURSOR_MICROS('a.created_at'), 'cursor_micros')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(options.first + 1);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_micros: string }>();
    const edges = entities.slice(0, options.first).map((row, i) => ({ node: toRecord(row), cursor: encodeCursor(raw[i]!.cursor_micros, row.id) }));
    return { edges, hasNextPage: entities.length > options.first, totalCount };
  }
}
