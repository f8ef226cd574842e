import {
  blastRadius,
  untrackedSecondsByDay,
  untrackedSecondsByTenant,
  INTEGRATION_STATUSES,
  type IdentityExposure,
  type IntegrationStatus,
  type InvalidationCause,
  type Provider,
} from '@relink/core';
import { Integration, IntegrationEvent, ProviderIdentity, UntrackedWindow, type RelinkDatabase } from '@relink/db';
import { In, type SelectQueryBuilder } from 'typeorm';
import type { Page } from '../graphql/cursor.js';
import { badInput } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import {
  decodeOrderCursor,
  DEFAULT_INTEGRATION_ORDER,
  encodeOrderCursor,
  SORT_KEYS,
  type IntegrationOrder,
  type OrderCursor,
  type OrderDirection,
  type SortKey,
} from '../graphql/integrationOrder.js';
import { escapeLike } from './TenantService.js';

/** Which integrations to list; `tenantId` undefined = every tenant (staff only, decided by the caller). */
export interface IntegrationFilter {
  tenantId?: string | undefined;
  provider?: Provider | null;
  status?: IntegrationStatus[] | null;
  cause?: InvalidationCause | null;
  /** Case-insensitive substring of the name or the external account id. */
  search?: string | null;
  /** The provider identity (person) who authorized them. */
  identityId?: string | null;
}

export interface HealthCounts {
  total: number;
  byStatus: Array<{ status: IntegrationStatus; count: number }>;
}

export interface DayCauseCount {
  day: string;
  cause: InvalidationCause;
  count: number;
}

export interface TenantUntracked {
  tenantId: string;
  seconds: number;
  /** Integrations of the tenant with an open untracked window now. */
  brokenCount: number;
}

const DAY_MS = 86_400_000;
export const MAX_STATS_DAYS = 366;

function checkDays(days: number, field = 'days'): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_STATS_DAYS) throw badInput(`${field} must be between 1 and ${MAX_STATS_DAYS}, got ${days}.`, field);
  return days;
}

/** The first moment of the UTC day `days - 1` days before today: a range of `days` whole days including today. */
function rangeStart(days: number, now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS);
}

/**
 * Reads integrations and what hangs off them (identities, untracked windows, history) for the API.
 * Never reads credentials. Every method takes the tenant scope the caller may see.
 */
export class IntegrationQueryService {
  constructor(private readonly database: RelinkDatabase) {}

  private get repo() {
    return this.database.dataSource.getRepository(Integration);
  }

  private filtered(filter: IntegrationFilter): SelectQueryBuilder<Integration> {
    const qb = this.repo.createQueryBuilder('i');
    if (filter.tenantId !== undefined) {
      if (!isUuid(filter.tenantId)) throw badInput(`"${filter.tenantId}" is not a tenant id.`, 'filter.tenantId');
      qb.andWhere('i.tenant_id = :tenantId', { tenantId: filter.tenantId });
    }
    if (filter.provider) qb.andWhere('i.provider = :provider', { provider: filter.provider });
    if (filter.status) {
      if (filter.status.length === 0) qb.andWhere('false');
      else qb.andWhere('i.status IN (:...statuses)', { statuses: filter.status });
    }
    if (filter.cause) qb.andWhere('i.cause = :cause', { cause: filter.cause });
    if (filter.identityId !== undefined && filter.identityId !== null) {
      if (!isUuid(filter.identityId)) throw badInput(`"${filter.identityId}" is not a provider identity id.`, 'filter.identityId');
      qb.andWhere('i.identity_id = :identityId', { identityId: filter.identityId });
    }
    const search = filter.search?.trim();
    if (search) {
      if (search.length > 200) throw badInput('search must be at most 200 characters.', 'filter.search');
      qb.andWhere(`(lower(i.name) LIKE :search ESCAPE '\\' OR lower(i.external_account_id) LIKE :search ESCAPE '\\')`, {
        search: `%${escapeLike(search.toLowerCase())}%`,
      });
    }
    return qb;
  }

  /**
   * A Relay page in `order` (default oldest first), with the total matching count. Keyset paging on
   * (sort key, id); rows without the key (untrackedSince) come last, by id, in either direction: they
   * are read in a second step once the keyed rows run out, so both steps can walk an index.
   */
  async list(filter: IntegrationFilter, first: number, after?: string | null, order: IntegrationOrder = DEFAULT_INTEGRATION_ORDER): Promise<Page<Integration>> {
    const cursor = after ? decodeOrderCursor(order, after) : null;
    const key = SORT_KEYS[order.field];
    const base = this.filtered(filter);
    const totalCount = await base.getCount();
    const want = first + 1;
    const rows: Array<{ row: Integration; key: string | null }> = [];
    if (!cursor || cursor.key !== null) rows.push(...(await this.keyed(base.clone(), key, order.direction, cursor, want)));
    if (key.nullable && rows.length < want) {
      rows.push(...(await this.unkeyed(base.clone(), key, order.direction, cursor?.key === null ? cursor.id : null, want - rows.length)));
    }
    const edges = rows.slice(0, first).map((r) => ({ node: r.row, cursor: encodeOrderCursor(order, r.key, r.row.id) }));
    return { edges, hasNextPage: rows.length > first, totalCount };
  }

  /** Rows that have the sort key, after the cursor, in order. */
  private async keyed(qb: SelectQueryBuilder<Integration>, key: SortKey, direction: OrderDirection, cursor: OrderCursor | null, limit: number) {
    if (key.nullable) qb.andWhere(`${key.expr} IS NOT NULL`);
    if (cursor) qb.andWhere(`(${key.expr}, i.id) ${direction === 'ASC' ? '>' : '<'} (${key.fromParam}, CAST(:cursorId AS uuid))`, { cursorKey: cursor.key, cursorId: cursor.id });
    qb.addSelect(key.select, 'cursor_key').orderBy(key.expr, direction).addOrderBy('i.id', direction).limit(limit);
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_key: string }>();
    return entities.map((row, n) => ({ row, key: String(raw[n]!.cursor_key) }));
  }

  /** Rows without the sort key, after `afterId` (null: from the first), by id. */
  private async unkeyed(qb: SelectQueryBuilder<Integration>, key: SortKey, direction: OrderDirection, afterId: string | null, limit: number) {
    qb.andWhere(`${key.expr} IS NULL`);
    if (afterId) qb.andWhere(`i.id ${direction === 'ASC' ? '>' : '<'} CAST(:cursorId AS uuid)`, { cursorId: afterId });
    const entities = await qb.orderBy('i.id', direction).limit(limit).getMany();
    return entities.map((row) => ({ row, key: null }));
  }

  /** One integration when it is in scope (`tenantId` undefined = any tenant), else null. */
  async findVisible(id: string, tenantId: string | undefined): Promise<Integration | null> {
    if (!isUuid(id)) return null;
    const row = await this.repo.findOneBy({ id });
    if (!row || (tenantId !== undefined && row.tenantId !== tenantId)) return null;
    return row;
  }

  async findByIds(ids: readonly string[]): Promise<Integration[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.repo.findBy({ id: In(valid) }) : [];
  }

  async identitiesByIds(ids: readonly string[]): Promise<ProviderIdentity[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.database.dataSource.getRepository(ProviderIdentity).findBy({ id: In(valid) }) : [];
  }

  /** Every untracked window of the given integrations, oldest first. */
  async windowsByIntegrationIds(ids: readonly string[]): Promise<UntrackedWindow[]> {
    if (ids.length === 0) return [];
    return this.database.dataSource.getRepository(UntrackedWindow).find({
      where: { integrationId: In([...ids]) },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The latest `first` history rows of each given integration, newest first, in one query. */
  async eventsByIntegrationIds(ids: readonly string[], first: number): Promise<IntegrationEvent[]> {
    if (ids.filter(isUuid).length === 0) return [];
    return this.database.dataSource
      .getRepository(IntegrationEvent)
      .createQueryBuilder('e')
      .where(
        `e.id IN (SELECT r.id FROM (
           SELECT x.id, row_number() OVER (PARTITION BY x.integration_id ORDER BY x.at DESC, x.created_at DESC, x.id DESC) AS rn
           FROM integration_events x WHERE x.integration_id IN (:...ids)
         ) r WHERE r.rn <= :first)`,
        { ids: ids.filter(isUuid), first },
      )
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
  }

  /** Total and a count for every status (zeros included). */
  async healthCounts(tenantId: string | undefined): Promise<HealthCounts> {
    const qb = this.repo.createQueryBuilder('i').select('i.status', 'status').addSelect('count(*)::int', 'count').groupBy('i.status');
    if (tenantId !== undefined) qb.where('i.tenant_id = :tenantId', { tenantId });
    const rows = await qb.getRawMany<{ status: IntegrationStatus; count: number }>();
    const counts = new Map(rows.map((r) => [r.status, Number(r.count)]));
    const byStatus = INTEGRATION_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
    return { total: byStatus.reduce((sum, s) => sum + s.count, 0), byStatus };
  }

  private async windowsSince(tenantId: string | undefined, since: Date): Promise<UntrackedWindow[]> {
    const qb = this.database.dataSource
      .getRepository(UntrackedWindow)
      .createQueryBuilder('w')
      .where('(w.ended_at IS NULL OR w.ended_at > :since)', { since });
    if (tenantId !== undefined) qb.andWhere('w.tenant_id = :tenantId', { tenantId });
    return qb.getMany();
  }

  /**
   * Untracked seconds over the last `sinceDays` days, each integration counted on its own (two
   * accounts down for the same hour are two untracked hours).
   */
  async untrackedSeconds(tenantId: string | undefined, sinceDays: number, now = new Date()): Promise<number> {
    const since = new Date(now.getTime() - checkDays(sinceDays, 'sinceDays') * DAY_MS);
    const windows = await this.windowsSince(tenantId, since);
    return untrackedSecondsByTenant(windows, { since, until: now, now }).reduce((sum, t) => sum + t.seconds, 0);
  }

  /** Untracked seconds per UTC day for the last `days` days (today included), summed over integrations. */
  async untrackedByDay(tenantId: string | undefined, days: number, now = new Date()): Promise<Array<{ day: string; seconds: number }>> {
    const since = rangeStart(checkDays(days), now);
    const windows = await this.windowsSince(tenantId, since);
    const perIntegration = new Map<string, UntrackedWindow[]>();
    for (const w of windows) perIntegration.set(w.integrationId, [...(perIntegration.get(w.integrationId) ?? []), w]);
    const totals = untrackedSecondsByDay([], { since, until: now, now });
    for (const own of perIntegration.values()) {
      untrackedSecondsByDay(own, { since, until: now, now }).forEach((d, i) => (totals[i]!.seconds += d.seconds));
    }
    return totals;
  }

  /** Invalidations (opened untracked windows) per UTC day and cause, for the last `days` days. */
  async invalidationsByDay(tenantId: string | undefined, days: number, now = new Date()): Promise<DayCauseCount[]> {
    const since = rangeStart(checkDays(days), now);
    const qb = this.database.dataSource
      .getRepository(UntrackedWindow)
      .createQueryBuilder('w')
      .select(`to_char(w.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, 'day')
      .addSelect(`coalesce(w.cause, 'UNKNOWN')`, 'cause')
      .addSelect('count(*)::int', 'count')
      .where('w.started_at >= :since', { since })
      .groupBy('1')
      .addGroupBy('2')
      .orderBy('1', 'ASC')
      .addOrderBy('2', 'ASC');
    if (tenantId !== undefined) qb.andWhere('w.tenant_id = :tenantId', { tenantId });
    const rows = await qb.getRawMany<{ day: string; cause: InvalidationCause; count: number }>();
    return rows.map((r) => ({ day: r.day, cause: r.cause, count: Number(r.count) }));
  }

  /** Integrations broken the longest: open untracked windows, oldest first. */
  async longestBroken(tenantId: string | undefined, first: number): Promise<Integration[]> {
    const qb = this.repo.createQueryBuilder('i').where('i.untracked_since IS NOT NULL').orderBy('i.untracked_since', 'ASC').addOrderBy('i.id', 'ASC').limit(first);
    if (tenantId !== undefined) qb.andWhere('i.tenant_id = :tenantId', { tenantId });
    return qb.getMany();
  }

  /** Tenants by untracked seconds over the last `sinceDays` days, most first. */
  async tenantUntrackedRanking(tenantId: string | undefined, first: number, sinceDays: number, now = new Date()): Promise<TenantUntracked[]> {
    const since = new Date(now.getTime() - checkDays(sinceDays, 'sinceDays') * DAY_MS);
    const windows = await this.windowsSince(tenantId, since);
    const ranking = untrackedSecondsByTenant(windows, { since, until: now, now }).filter((t) => t.seconds > 0).slice(0, first);
    const broken = new Map<string, number>();
    for (const w of windows) if (w.endedAt === null) broken.set(w.tenantId, (broken.get(w.tenantId) ?? 0) + 1);
    return ranking.map((t) => ({ tenantId: t.tenantId, seconds: t.seconds, brokenCount: broken.get(t.tenantId) ?? 0 }));
  }

  /**
   * Which provider identities hold up how many integrations (not disconnected) in how many tenants.
   * A tenant's scope sees only its own integrations, so it never learns about other tenants.
   */
  async blastRadius(tenantId: string | undefined): Promise<Array<IdentityExposure & { identityId: string }>> {
    const qb = this.repo
      .createQueryBuilder('i')
      .innerJoin(ProviderIdentity, 'p', 'p.id = i.identity_id')
      .select(['i.id AS id', 'i.tenant_id AS "tenantId"', 'p.id AS "identityId"', 'p.provider AS provider', 'p.external_user_id AS "externalUserId"', 'p.name AS name'])
      .where(`i.status <> 'DISCONNECTED'`);
    if (tenantId !== undefined) qb.andWhere('i.tenant_id = :tenantId', { tenantId });
    const rows = await qb.getRawMany<{ id: string; tenantId: string; identityId: string; provider: Provider; externalUserId: string; name: string }>();
    const identityIds = new Map(rows.map((r) => [JSON.stringify([r.provider, r.externalUserId]), r.identityId]));
    return blastRadius(rows.map((r) => ({ id: r.id, tenantId: r.tenantId, identity: { provider: r.provider, externalUserId: r.externalUserId, name: r.name } }))).map((e) => ({
      ...e,
      identityId: identityIds.get(JSON.stringify([e.identity.provider, e.identity.externalUserId]))!,
    }));
  }
}
