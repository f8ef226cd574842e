import { WebhookDelivery, WebhookEndpoint, type Integration } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type GqlResponse, type Harness } from '../test-support/graphqlHarness.js';
import { INTEGRATION_ORDER_FIELDS, type IntegrationOrder, type OrderDirection } from './integrationOrder.js';

const ORIGIN = 'https://app.acme.test';
const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
// Duplicates and case variants: the name order must break ties by id and ignore case.
const NAMES = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Zulu', 'zulu', 'émile', 'delta 10', 'delta 9', 'a:b', '', 'Mike'];
const SQL_KEY: Record<IntegrationOrder['field'], string> = {
  CREATED_AT: 'created_at',
  NAME: 'lower(name)',
  STATUS_CHANGED_AT: 'status_changed_at',
  UNTRACKED_SINCE: 'untracked_since',
};

const PAGE = `query($first: Int, $after: String, $filter: IntegrationFilter, $orderBy: IntegrationOrder) {
  integrations(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }
  }
}`;

describe('sorting, the person filter and notifications over HTTP', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  let widgetA: string;
  let agencyId: string;
  const rowsA: Integration[] = [];
  const rowsB: Integration[] = [];

  beforeAll(async () => {
    h = await startHarness('api_integration_order');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
    widgetA = await h.widgetToken(a.apiKey, ORIGIN);
    const agency = await h.seedIdentity('FACEBOOK', 'Agency Admin');
    const solo = await h.seedIdentity('GOOGLE', 'Solo Person');
    agencyId = agency.id;
    for (let i = 0; i < 75; i++) {
      const tenant = i < 55 ? a : b;
      const broken = i % 3 !== 0;
      const row = await h.seedIntegration(tenant.tenantId, {
        name: NAMES[i % NAMES.length]!,
        status: broken ? 'REVOKED' : 'HEALTHY',
        identityId: i % 4 === 0 ? agency.id : i % 4 === 1 ? solo.id : null,
        untrackedSince: broken ? new Date(BASE + (i % 5) * HOUR) : null,
        createdAt: new Date(BASE - (i % 9) * HOUR),
      });
      (tenant === a ? rowsA : rowsB).push(row);
      // Ties everywhere, and times with microseconds a JavaScript Date cannot hold.
      await h.database.executeSql(
        `UPDATE integrations SET status_changed_at = $1::timestamptz + $2 * interval '1 microsecond',
           created_at = created_at + $3 * interval '1 microsecond', untracked_since = untracked_since + $3 * interval '1 microsecond'
         WHERE id = $4`,
        [new Date(BASE + (i % 7) * HOUR), i % 2, (i % 4) * 3, row.id],
      );
    }
  }, 240_000);
  afterAll(async () => h?.close());

  /** What the order means, straight from the database. */
  async function expected(order: IntegrationOrder, where: string, values: unknown[]): Promise<string[]> {
    const { rows } = await h.database.executeSql<{ id: string }>(
      `SELECT id FROM integrations WHERE ${where} ORDER BY ${SQL_KEY[order.field]} ${order.direction} NULLS LAST, id ${order.direction}`,
      values,
    );
    return rows.map((r) => r.id);
  }

  /** Every page of a list in one order; checks totalCount, hasNextPage and endCursor on each page. */
  async function walk(token: string, order: IntegrationOrder | null, first: number, filter: Record<string, unknown> = {}): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    let total: number | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const res: GqlResponse = await h.gql(PAGE, { token, variables: { first, after, filter, orderBy: order } });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.integrations;
      total ??= conn.totalCount;
      expect(conn.totalCount).toBe(total);
      ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
      expect(conn.pageInfo.hasNextPage).toBe(ids.length < total!);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(total!);
    return ids;
  }

  const orders: IntegrationOrder[] = INTEGRATION_ORDER_FIELDS.flatMap((field) => (['ASC', 'DESC'] as OrderDirection[]).map((direction) => ({ field, direction })));

  describe('orderBy', () => {
    it.each(orders)('$field $direction: a tenant key walks pages of 7 in exactly the database order', async (order) => {
      expect(await walk(a.apiKey, order, 7)).toEqual(await expected(order, 'tenant_id = $1', [a.tenantId]));
    });

    it.each(orders)('$field $direction: staff walk every tenant in pages of 11, and REVOKED only in pages of 4', async (order) => {
      expect(await walk(h.staffToken, order, 11)).toEqual(await expected(order, 'true', []));
      expect(await walk(h.staffToken, order, 4, { status: ['REVOKED'] })).toEqual(await expected(order, `status = 'REVOKED'`, []));
    });

    it('lists rows without an untracked window last in both directions', async () => {
      for (const direction of ['ASC', 'DESC'] as const) {
        const ids = await walk(h.staffToken, { field: 'UNTRACKED_SINCE', direction }, 50);
        const healthy = new Set([...rowsA, ...rowsB].filter((r) => r.untrackedSince === null).map((r) => r.id));
        expect(ids.slice(ids.length - healthy.size).every((id) => healthy.has(id)), direction).toBe(true);
      }
    });

    it('sorts names case-insensitively', async () => {
      const res = await h.gql(`{ integrations(first: 100, orderBy: { field: NAME }) { edges { node { name } } } }`, { token: a.apiKey });
      const names: string[] = res.data!.integrations.edges.map((e: { node: { name: string } }) => e.node.name);
      // In a case-sensitive order ALPHA and Alpha would sort apart from alpha (before Mike and Zulu).
      for (const word of ['alpha', 'zulu']) {
        const at = names.flatMap((n, i) => (n.toLowerCase() === word ? [i] : []));
        expect(at.length).toBeGreaterThan(2);
        expect(at.at(-1)! - at[0]!, word).toBe(at.length - 1);
      }
    });

    it('defaults: no orderBy is CREATED_AT ASC with the same cursors, and direction defaults to ASC', async () => {
      const plain = await h.gql(PAGE, { token: a.apiKey, variables: { first: 9 } });
      const explicit = await h.gql(PAGE, { token: a.apiKey, variables: { first: 9, orderBy: { field: 'CREATED_AT', direction: 'ASC' } } });
      expect(explicit.data).toEqual(plain.data);
      const next = await h.gql(PAGE, { token: a.apiKey, variables: { first: 9, after: plain.data!.integrations.pageInfo.endCursor, orderBy: { field: 'CREATED_AT' } } });
      expect(next.errors).toBeUndefined();
      const all = await expected({ field: 'CREATED_AT', direction: 'ASC' }, 'tenant_id = $1', [a.tenantId]);
      expect(next.data!.integrations.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(9, 18));
    });

    it('refuses a cursor from another order, with a message that says what to do', async () => {
      const byName = await h.gql(PAGE, { token: a.apiKey, variables: { first: 3, orderBy: { field: 'NAME', direction: 'DESC' } } });
      const cursor = byName.data!.integrations.pageInfo.endCursor;
      for (const orderBy of [null, { field: 'NAME', direction: 'ASC' }, { field: 'UNTRACKED_SINCE', direction: 'DESC' }]) {
        const res = await h.gql(PAGE, { token: a.apiKey, variables: { first: 3, after: cursor, orderBy } });
        expect(res.errors?.[0]?.extensions.code, JSON.stringify(orderBy)).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0]?.message).toMatch(/sorted by NAME DESC/);
      }
      const unknown = await h.gql(PAGE, { token: a.apiKey, variables: { first: 3, orderBy: { field: 'COLOUR' } } });
      expect(unknown.errors?.[0]?.message).toMatch(/IntegrationOrderField/);
    });
  });

  describe('filter.identityId', () => {
    const idsOf = (res: GqlResponse) => new Set(res.data!.integrations.edges.map((e: { node: { id: string } }) => e.node.id));

    it('staff see everything one person authorized, across tenants; a tenant key or widget only its own', async () => {
      const agencyAll = [...rowsA, ...rowsB].filter((r) => r.identityId === agencyId).map((r) => r.id);
      const agencyA = rowsA.filter((r) => r.identityId === agencyId).map((r) => r.id);
      expect(rowsB.some((r) => r.identityId === agencyId)).toBe(true);
      const staff = await h.gql(PAGE, { token: h.staffToken, variables: { first: 100, filter: { identityId: agencyId } } });
      expect(staff.data!.integrations.totalCount).toBe(agencyAll.length);
      expect(idsOf(staff)).toEqual(new Set(agencyAll));
      const tenant = await h.gql(PAGE, { token: a.apiKey, variables: { first: 100, filter: { identityId: agencyId } } });
      expect(idsOf(tenant)).toEqual(new Set(agencyA));
      const widget = await h.gql(PAGE, { token: widgetA, origin: ORIGIN, variables: { first: 100, filter: { identityId: agencyId } } });
      expect(idsOf(widget)).toEqual(new Set(agencyA));
      const combined = await h.gql(PAGE, { token: h.staffToken, variables: { first: 100, filter: { identityId: agencyId, tenantId: b.tenantId, status: ['REVOKED'] } } });
      expect(idsOf(combined)).toEqual(new Set(rowsB.filter((r) => r.identityId === agencyId && r.status === 'REVOKED').map((r) => r.id)));
    });

    it('sorts and pages within the person\'s integrations', async () => {
      const order: IntegrationOrder = { field: 'UNTRACKED_SINCE', direction: 'DESC' };
      expect(await walk(h.staffToken, order, 3, { identityId: agencyId })).toEqual(await expected(order, 'identity_id = $1', [agencyId]));
    });

    it('refuses a malformed id and finds nothing for an unknown one', async () => {
      const bad = await h.gql(PAGE, { token: h.staffToken, variables: { first: 5, filter: { identityId: 'nobody' } } });
      expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const unknown = await h.gql(PAGE, { token: h.staffToken, variables: { first: 5, filter: { identityId: '6f1c0a4e-1111-4222-8333-444455556666' } } });
      expect(unknown.data!.integrations.totalCount).toBe(0);
    });
  });

  describe('Integration.notifications', () => {
    const NOTIFICATIONS = `query($id: ID!, $first: Int) { integration(id: $id) {
      notifications(first: $first) { id endpointId endpointUrl eventType status attempts lastStatusCode lastError deliveredAt createdAt payload }
    } }`;
    let target: Integration;
    let other: Integration;
    let expectedIds: string[];

    beforeAll(async () => {
      target = rowsA[1]!;
      other = rowsA[2]!;
      const endpoints = h.database.dataSource.getRepository(WebhookEndpoint);
      const hookA1 = await endpoints.save({ tenantId: a.tenantId, url: 'https://hooks.acme.test/one', secretCiphertext: 'x', secretKeyId: 'k' });
      const hookA2 = await endpoints.save({ tenantId: a.tenantId, url: 'https://hooks.acme.test/two', secretCiphertext: 'x', secretKeyId: 'k' });
      const hookB = await endpoints.save({ tenantId: b.tenantId, url: 'https://hooks.beta.test/', secretCiphertext: 'x', secretKeyId: 'k' });
      const deliveries = h.database.dataSource.getRepository(WebhookDelivery);
      const about = (integration: Integration, status: string) => ({ type: 'integration.status_changed', data: { integration: { id: integration.id, status } } });
      const saved: WebhookDelivery[] = [];
      for (let n = 0; n < 6; n++) {
        saved.push(
          await deliveries.save({
            endpointId: n % 2 ? hookA2.id : hookA1.id,
            tenantId: a.tenantId,
            webhookId: `msg_${n}`,
            eventType: 'integration.status_changed',
            payload: about(target, n % 2 ? 'REVOKED' : 'HEALTHY'),
            status: n === 0 ? 'failed' : n === 5 ? 'pending' : 'delivered',
            attempts: n === 0 ? 8 : 1,
            lastStatusCode: n === 0 ? 500 : n === 5 ? null : 204,
            lastError: n === 0 ? 'HTTP 500' : null,
            deliveredAt: n === 0 || n === 5 ? null : new Date(BASE + n * HOUR + 1000),
            createdAt: new Date(BASE + n * HOUR),
          }),
        );
      }
      // About another integration, and another tenant's delivery naming ours: neither may appear.
      await deliveries.save({ endpointId: hookA1.id, tenantId: a.tenantId, webhookId: 'msg_other', eventType: 'integration.status_changed', payload: about(other, 'REVOKED'), createdAt: new Date(BASE) });
      await deliveries.save({ endpointId: hookB.id, tenantId: b.tenantId, webhookId: 'msg_forged', eventType: 'integration.status_changed', payload: about(target, 'REVOKED'), createdAt: new Date(BASE + 99 * HOUR) });
      expectedIds = saved.map((d) => d.id).reverse();
    });

    it('lists the deliveries about this integration from every endpoint, newest first, with their state', async () => {
      const res = await h.gql(NOTIFICATIONS, { token: h.staffToken, variables: { id: target.id, first: 100 } });
      expect(res.errors).toBeUndefined();
      const list = res.data!.integration.notifications;
      expect(list.map((d: { id: string }) => d.id)).toEqual(expectedIds);
      expect(list[0]).toMatchObject({ endpointUrl: 'https://hooks.acme.test/two', status: 'pending', attempts: 1, lastStatusCode: null, deliveredAt: null });
      expect(list.at(-1)).toMatchObject({ endpointUrl: 'https://hooks.acme.test/one', status: 'failed', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500' });
      expect(list[1]).toMatchObject({ status: 'delivered', lastStatusCode: 204, deliveredAt: new Date(BASE + 4 * HOUR + 1000).toISOString() });
      const byDefault = await h.gql(NOTIFICATIONS, { token: h.staffToken, variables: { id: target.id } });
      expect(byDefault.data!.integration.notifications.map((d: { id: string }) => d.id)).toEqual(expectedIds);
      const two = await h.gql(NOTIFICATIONS, { token: h.staffToken, variables: { id: target.id, first: 2 } });
      expect(two.data!.integration.notifications.map((d: { id: string }) => d.id)).toEqual(expectedIds.slice(0, 2));
    });

    it('is empty for an integration nobody was told about, refuses first outside 1..100, and is for staff only', async () => {
      const none = await h.gql(NOTIFICATIONS, { token: h.staffToken, variables: { id: rowsA[5]!.id } });
      expect(none.data!.integration.notifications).toEqual([]);
      const big = await h.gql(NOTIFICATIONS, { token: h.staffToken, variables: { id: target.id, first: 101 } });
      expect(big.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      // Tenant keys and widgets: FORBIDDEN (tenants read deliveries per endpoint with webhookDeliveries).
      const tenant = await h.gql(NOTIFICATIONS, { token: a.apiKey, variables: { id: target.id } });
      expect(tenant.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const widget = await h.gql(NOTIFICATIONS, { token: widgetA, origin: ORIGIN, variables: { id: target.id } });
      expect(widget.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const foreign = await h.gql(NOTIFICATIONS, { token: b.apiKey, variables: { id: target.id } });
      expect(foreign.data!.integration).toBeNull();
    });

    it('loads the notifications of a whole page in one batch', async () => {
      const spy = vi.spyOn(h.relink.services.webhookEndpoints, 'notificationsByIntegration');
      try {
        const res = await h.gql(`{ integrations(first: 40) { edges { node { id notifications(first: 3) { id } } } } }`, { token: h.staffToken });
        expect(res.errors).toBeUndefined();
        const byId = new Map(res.data!.integrations.edges.map((e: { node: { id: string; notifications: Array<{ id: string }> } }) => [e.node.id, e.node.notifications]));
        expect(byId.size).toBe(40);
        expect(spy).toHaveBeenCalledTimes(1);
        if (byId.has(target.id)) expect((byId.get(target.id) as Array<{ id: string }>).map((d) => d.id)).toEqual(expectedIds.slice(0, 3));
        if (byId.has(other.id)) expect(byId.get(other.id)).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
