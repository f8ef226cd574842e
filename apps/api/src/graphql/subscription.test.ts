import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';

const ORIGIN = 'https://app.acme.test';
const SUBSCRIPTION = 'subscription { integrationStatusChanged { id tenantId name status needsReauthorization cause { code title } untrackedSince untrackedSeconds } }';

interface Received {
  id: string;
  tenantId: string;
  name: string;
  status: string;
  needsReauthorization: boolean;
  cause: { code: string } | null;
}

/** A graphql-ws client over `ws`, optionally sending an Origin header on the upgrade. */
function wsClient(h: Harness, authorization: string | undefined, origin?: string): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { origin } : {});
    }
  }
  const client = createClient({
    url: `${h.base.replace('http', 'ws')}/graphql`,
    webSocketImpl: OriginWebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolveClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    onNonLazyError: () => {},
  });
  return { client, closed };
}

/** Subscribes and collects every event; `next()` waits for the next one. */
function collect(client: Client) {
  const items: Received[] = [];
  const errors: unknown[] = [];
  let waiters: Array<() => void> = [];
  const dispose = client.subscribe<{ integrationStatusChanged: Received }>(
    { query: SUBSCRIPTION },
    {
      next: (result) => {
        if (result.data) items.push(result.data.integrationStatusChanged);
        if (result.errors) errors.push(...result.errors);
        waiters.forEach((w) => w());
        waiters = [];
      },
      error: (error) => {
        errors.push(error);
        waiters.forEach((w) => w());
      },
      complete: () => {},
    },
  );
  return {
    items,
    errors,
    dispose,
    async waitFor(count: number, timeoutMs = 5_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count && errors.length === 0) {
        if (Date.now() > deadline) throw new Error(`expected ${count} events, got ${items.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('integrationStatusChanged over graphql-ws', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  const clients: Client[] = [];

  beforeAll(async () => {
    h = await startHarness('api_subscriptions');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h?.close();
  });

  const invalidate = async (integrationId: string) =>
    h.relink.services.status.apply(integrationId, { type: 'CHECK_INVALID', at: new Date(), credentialVersion: 0, cause: 'PASSWORD_CHANGED' }, { actor: 'test', eventType: 'checked' });

  it('a tenant key sees its own change with fresh fields, never another tenant\'s', async () => {
    const mine = await h.seedIntegration(a.tenantId, { name: 'Acme main' });
    const theirs = await h.seedIntegration(b.tenantId, { name: 'Beta secret account' });
    const { client } = wsClient(h, `Bearer ${a.apiKey}`);
    clients.push(client);
    const sub = collect(client);
    await settle();
    await invalidate(theirs.id);
    await invalidate(mine.id);
    await sub.waitFor(1);
    await settle();
    expect(sub.errors).toEqual([]);
    expect(sub.items).toHaveLength(1);
    expect(sub.items[0]).toMatchObject({ id: mine.id, tenantId: a.tenantId, status: 'REVOKED', needsReauthorization: true, cause: { code: 'PASSWORD_CHANGED' } });
    expect(JSON.stringify(sub.items)).not.toContain('Beta secret account');
    sub.dispose();
  });

  it('staff see every tenant; a widget from its origin sees its tenant only', async () => {
    const token = await h.widgetToken(a.apiKey, ORIGIN);
    const staff = wsClient(h, h.staffToken);
    const widget = wsClient(h, `Bearer ${token}`, ORIGIN);
    clients.push(staff.client, widget.client);
    const all = collect(staff.client);
    const own = collect(widget.client);
    await settle();
    const one = await h.seedIntegration(a.tenantId);
    const two = await h.seedIntegration(b.tenantId);
    await invalidate(two.id);
    await invalidate(one.id);
    await all.waitFor(2);
    await own.waitFor(1);
    await settle();
    expect(all.items.map((i) => i.id).sort()).toEqual([one.id, two.id].sort());
    expect(own.items.map((i) => i.id)).toEqual([one.id]);
    all.dispose();
    own.dispose();
  });

  it('leaves no StatusBus listener behind after unsubscribing', async () => {
    await settle();
    const before = h.relink.services.statusBus.listenerCount;
    const { client } = wsClient(h, a.apiKey);
    clients.push(client);
    const sub = collect(client);
    await settle();
    expect(h.relink.services.statusBus.listenerCount).toBe(before + 1);
    sub.dispose();
    await settle();
    expect(h.relink.services.statusBus.listenerCount).toBe(before);
  });

  it('closes sockets without a valid token with 4401, and a widget from another origin with 4403', async () => {
    const none = wsClient(h, undefined);
    expect((await none.closed).code).toBe(4401);
    const bad = wsClient(h, 'Bearer rlk_live_nope');
    expect((await bad.closed).code).toBe(4401);
    const token = await h.widgetToken(a.apiKey, ORIGIN);
    const elsewhere = wsClient(h, `Bearer ${token}`, 'https://evil.test');
    expect((await elsewhere.closed).code).toBe(4403);
    const noOrigin = wsClient(h, `Bearer ${token}`);
    expect((await noOrigin.closed).code).toBe(4403);
  });

  it('ends a widget subscription once its session is revoked', async () => {
    const token = await h.widgetToken(a.apiKey, ORIGIN);
    const { client } = wsClient(h, token, ORIGIN);
    clients.push(client);
    const sub = collect(client);
    const control = wsClient(h, a.apiKey);
    clients.push(control.client);
    const heard = collect(control.client);
    await settle();
    const sessionId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;
    await h.gql(`mutation { revokeWidgetSession(id: "${sessionId}") { id } }`, { token: a.apiKey });
    const row = await h.seedIntegration(a.tenantId);
    await invalidate(row.id);
    await heard.waitFor(1);
    await settle(300);
    expect(heard.items.map((i) => i.id)).toEqual([row.id]);
    expect(sub.items).toEqual([]);
  });
});
