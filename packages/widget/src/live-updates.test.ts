import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiEndpoint } from './api-endpoint.js';
import { LiveUpdates, type LiveUpdatesOptions } from './live-updates.js';
import type { RelinkError } from './relink-error.js';
import { fakeIntegration, startContractFakeApi, type ContractFakeApi } from './test-support/index.js';

// The hand-rolled graphql-transport-ws client against the real graphql-ws server
// (`graphql-ws/use/ws`, inside the contract fake) and against a scripted raw server.
// Node 20 has no global WebSocket: `ws` stands in for the browser's.

const TOKEN = 'wst_live';
let fake: ContractFakeApi;

/** `ws` throws an unhandled 'error' where a browser only fires `error` and `close`: listen, as a browser would. */
class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

beforeAll(async () => {
  vi.stubGlobal('WebSocket', BrowserLikeWebSocket);
  fake = await startContractFakeApi({ token: TOKEN, allowedOrigin: 'http://host.test' });
});
afterAll(async () => {
  await fake.close();
  vi.unstubAllGlobals();
});

function watch(api: string, token = TOKEN, pollIntervalMs = 60_000) {
  const seen = { values: [] as unknown[], resyncs: 0, refused: [] as RelinkError[] };
  const options: LiveUpdatesOptions = {
    endpoint: apiEndpoint(api, token, 'http://host.test/'),
    pollIntervalMs,
    onIntegration: (value) => seen.values.push(value),
    onResync: () => (seen.resyncs += 1),
    onRefused: (error) => seen.refused.push(error),
  };
  const live = new LiveUpdates(options);
  live.start();
  return { live, seen };
}

describe('LiveUpdates (graphql-transport-ws, hand-rolled)', () => {
  it('subscribes with the token in connection_init and delivers integrationStatusChanged', async () => {
    const integration = fakeIntegration({ name: 'Live' });
    fake.setIntegrations([integration]);
    const { live, seen } = watch(fake.origin);
    try {
      await expect.poll(() => fake.subscriberCount).toBe(1);
      fake.update(integration.id, { status: 'REVOKED', needsReauthorization: true });
      await expect.poll(() => seen.values.length).toBe(1);
      expect(seen.values[0]).toMatchObject({ id: integration.id, status: 'REVOKED', needsReauthorization: true, name: 'Live' });
      expect(seen.resyncs).toBe(0);
    } finally {
      live.stop();
    }
    await expect.poll(() => fake.subscriberCount).toBe(0);
  });

  it('stops with FORBIDDEN when the server refuses the token (close 4403)', async () => {
    const { seen } = watch(fake.origin, 'wrong-token');
    await expect.poll(() => seen.refused.length).toBe(1);
    expect(seen.refused[0]?.code).toBe('FORBIDDEN');
    expect(seen.refused[0]?.message).toMatch(/close 4403/);
    expect(fake.subscriberCount).toBe(0);
  });

  it('polls while the connection is down and reconnects with backoff, resyncing once back', async () => {
    const integration = fakeIntegration();
    fake.setIntegrations([integration]);
    const { live, seen } = watch(fake.origin, TOKEN, 100);
    try {
      await expect.poll(() => fake.subscriberCount).toBe(1);
      fake.dropWebSockets();
      await expect.poll(() => seen.resyncs, { timeout: 5000 }).toBeGreaterThanOrEqual(2); // polls, then the resync after the reconnect
      await expect.poll(() => fake.subscriberCount, { timeout: 5000 }).toBe(1);
      const afterReconnect = seen.resyncs;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.resyncs).toBe(afterReconnect); // polling stopped once live again
      fake.update(integration.id, { status: 'UNREACHABLE' });
      await expect.poll(() => seen.values.length).toBe(1);
    } finally {
      live.stop();
    }
  });

  it('polls when WebSockets are blocked', async () => {
    const blocked = await startContractFakeApi({ token: TOKEN, allowedOrigin: 'http://host.test', websockets: false });
    const { live, seen } = watch(blocked.origin, TOKEN, 50);
    try {
      await expect.poll(() => seen.resyncs, { timeout: 3000 }).toBeGreaterThanOrEqual(3);
      expect(seen.refused).toEqual([]);
    } finally {
      live.stop();
      await blocked.close();
    }
  });

  it('answers pings, refuses on a subscribe error, and starts over when the server completes', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const received: Array<Record<string, unknown>> = [];
    let connections = 0;
    wss.on('connection', (socket, request) => {
      connections += 1;
      expect(request.headers['sec-websocket-protocol']).toBe('graphql-transport-ws');
      const connection = connections;
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as Record<string, unknown>;
        received.push(message);
        if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
        if (message.type === 'subscribe' && connection === 1) {
          socket.send(JSON.stringify({ type: 'ping' }));
          socket.send(JSON.stringify({ id: message.id, type: 'complete' }));
        }
        if (message.type === 'subscribe' && connection === 2) {
          socket.send(JSON.stringify({ id: message.id, type: 'error', payload: [{ message: 'No session.', extensions: { code: 'UNAUTHENTICATED' } }] }));
        }
      });
    });
    const { port } = wss.address() as { port: number };
    const { live, seen } = watch(`http://127.0.0.1:${port}`, TOKEN, 60_000);
    try {
      await expect.poll(() => seen.refused.length, { timeout: 5000 }).toBe(1);
      expect(seen.refused[0]).toMatchObject({ code: 'SESSION_EXPIRED', message: 'No session.' });
      expect(received.map((m) => m.type)).toEqual(['connection_init', 'subscribe', 'pong', 'connection_init', 'subscribe']);
      expect(received[0]).toEqual({ type: 'connection_init', payload: { authorization: `Bearer ${TOKEN}` } });
      expect(received[1]).toMatchObject({ id: '1', type: 'subscribe', payload: { query: expect.stringMatching(/^subscription RelinkBannerStatus/) } });
      expect(seen.resyncs).toBe(1); // on the new connection: events may have been missed meanwhile
    } finally {
      live.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});
