import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, buildSchema, graphql } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CONTRACT_SDL } from './contract-schema.js';
import type { FakeIntegration } from './integration-fixtures.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface ContractFakeApiOptions {
  /** The widget session token the fake accepts (`Authorization: Bearer …`, ws `connectionParams.authorization`). */
  token: string;
  /** The host page origin the session is for: CORS and the done page's `postMessage` target. */
  allowedOrigin: string;
  /** `false` refuses every WebSocket upgrade (a network that blocks WebSockets). Default true. */
  websockets?: boolean;
  /** Serve this file at `/widget/relink-banner.js` (with CORS, as the real API must). */
  widgetBundleFile?: string;
}

/** One GraphQL request the fake received. */
export interface FakeRequest {
  operationName: string | null;
  query: string;
  variables: Record<string, unknown>;
  authorization: string | undefined;
}

/** How the fake's consent page ends: approve heals the identity's integrations, deny does not. */
export type FakeConsent = { outcome: 'approve' } | { outcome: 'deny'; error: string };

export interface ContractFakeApi {
  /** `http://127.0.0.1:PORT` — use as the widget's `api`. */
  origin: string;
  server: TestServer;
  readonly requests: FakeRequest[];
  readonly reauthorizations: Array<{ integrationId: string; returnTo: string | null }>;
  /** Number of open `integrationStatusChanged` subscriptions. */
  readonly subscriberCount: number;
  /** Cuts every open WebSocket (as a dropped network or a restarting server would). */
  dropWebSockets(): void;
  setIntegrations(list: FakeIntegration[]): void;
  integration(id: string): FakeIntegration | undefined;
  /** Changes an integration and publishes it to subscribers, as the API does after a status change. */
  update(id: string, patch: Partial<FakeIntegration>): FakeIntegration;
  setToken(token: string): void;
  setConsent(consent: FakeConsent): void;
  /** Back to the start: no integrations, no recorded requests, the original token, consent approves. */
  reset(): void;
  close(): Promise<void>;
}

class Channel<T> {
  private readonly listeners = new Set<(value: T) => void>();

  get size(): number {
    return this.listeners.size;
  }

  publish(value: T): void {
    for (const listener of this.listeners) listener(value);
  }

  /** An async iterator of published values; `return()` removes its listener at once. */
  subscribe(): AsyncIterableIterator<T> {
    const queue: T[] = [];
    let wake: ((result: IteratorResult<T>) => void) | null = null;
    let done = false;
    const listener = (value: T) => {
      if (wake) {
        wake({ value, done: false });
        wake = null;
      } else queue.push(value);
    };
    this.listeners.add(listener);
    const finish = (): Promise<IteratorResult<T>> => {
      done = true;
      this.listeners.delete(listener);
      wake?.({ value: undefined, done: true });
      wake = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (done) return Promise.resolve({ value: undefined, done: true });
        const value = queue.shift();
        if (value !== undefined) return Promise.resolve({ value, done: false });
        return new Promise((resolve) => (wake = resolve));
      },
      return: finish,
      throw: (error: unknown) => finish().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function donePage(message: unknown, openerOrigin: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Relink</title><p>Done. You can close this window.</p>
<script>
  if (window.opener) window.opener.postMessage(${JSON.stringify(message)}, ${JSON.stringify(openerOrigin)});
  window.close();
</script>`;
}

/**
 * A CONTRACT FAKE of the Relink API for the widget's tests — not the API. It speaks the contract's
 * GraphQL over HTTP (`POST /graphql`, executed by graphql-js against `CONTRACT_SDL`) and
 * graphql-ws (`/graphql`), checks the bearer token (UNAUTHENTICATED / close 4403), answers
 * `startReauthorization` with a consent URL on itself, and at that URL plays the consent and the
 * API's done page: it heals the integrations of the same identity, publishes them, then redirects
 * to `returnTo` or posts `{ source: 'relink', type: 'oauth-complete', ok, error?, integrationIds }`
 * to the opener at `allowedOrigin`.
 */
export async function startContractFakeApi(options: ContractFakeApiOptions): Promise<ContractFakeApi> {
  const schema = buildSchema(CONTRACT_SDL);
  const integrations = new Map<string, FakeIntegration>();
  const changes = new Channel<FakeIntegration>();
  const requests: FakeRequest[] = [];
  const reauthorizations: Array<{ integrationId: string; returnTo: string | null }> = [];
  const tickets = new Map<string, { integrationId: string; returnTo: string | null }>();
  let token = options.token;
  let consent: FakeConsent = { outcome: 'approve' };
  const cors = {
    'access-control-allow-origin': options.allowedOrigin,
    'access-control-allow-headers': 'authorization, content-type, accept',
    'access-control-allow-methods': 'POST, OPTIONS',
    vary: 'origin',
  };

  const unauthenticated = () =>
    new GraphQLError('Your Relink session has expired: ask the host app for a new widget session.', {
      extensions: { code: 'UNAUTHENTICATED' },
    });

  const update = (id: string, patch: Partial<FakeIntegration>): FakeIntegration => {
    const current = integrations.get(id);
    if (!current) throw new Error(`contract fake: no integration ${id}`);
    const next = { ...current, ...patch };
    integrations.set(id, next);
    changes.publish(next);
    return next;
  };

  const root = {
    viewer: () => ({ kind: 'WIDGET', tenant: { id: 'tenant_1', name: 'Fake tenant' } }),
    integrations: (args: { filter?: { status?: string[] | null } | null; first?: number }) => {
      const statuses = args.filter?.status;
      const nodes = [...integrations.values()]
        .filter((integration) => !statuses || statuses.includes(integration.status))
        .slice(0, args.first ?? 50);
      return {
        edges: nodes.map((node) => ({ cursor: node.id, node })),
        pageInfo: { hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
        totalCount: nodes.length,
      };
    },
    integration: (args: { id: string }) => integrations.get(args.id) ?? null,
    startReauthorization: (args: { integrationId: string; returnTo?: string | null }) => {
      const integration = integrations.get(args.integrationId);
      if (!integration) throw new GraphQLError(`No integration ${args.integrationId}.`, { extensions: { code: 'NOT_FOUND' } });
      const returnTo = args.returnTo ?? null;
      reauthorizations.push({ integrationId: args.integrationId, returnTo });
      const ticket = randomUUID();
      tickets.set(ticket, { integrationId: args.integrationId, returnTo });
      return {
        url: `${server.origin}/auth/${integration.provider.toLowerCase()}/start?ticket=${ticket}`,
        expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      };
    },
  };

  const server = await startTestServer({
    '/graphql': async (req, res) => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      if (req.method !== 'POST') {
        json(res, 405, { errors: [{ message: 'POST only' }] }, cors);
        return;
      }
      const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      const authorization = req.headers.authorization;
      const operationName = /(?:query|mutation|subscription)\s+(\w+)/.exec(body.query)?.[1] ?? null;
      requests.push({ operationName, query: body.query, variables: body.variables ?? {}, authorization });
      if (authorization !== `Bearer ${token}`) {
        json(res, 200, { errors: [unauthenticated().toJSON()], data: null }, cors);
        return;
      }
      const result = await graphql({ schema, source: body.query, rootValue: root, variableValues: body.variables ?? {} });
      json(res, 200, result, cors);
    },
  });

  // The consent page and the API's done page, in one step.
  for (const provider of ['facebook', 'google']) {
    server.route(`/auth/${provider}/start`, (req, res) => {
      const ticketId = new URL(req.url ?? '/', server.origin).searchParams.get('ticket') ?? '';
      const ticket = tickets.get(ticketId);
      tickets.delete(ticketId);
      if (!ticket) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown or used ticket');
        return;
      }
      const target = integrations.get(ticket.integrationId);
      const healed: string[] = [];
      if (consent.outcome === 'approve' && target) {
        const identity = target.authorizedBy;
        for (const integration of [...integrations.values()]) {
          const sameIdentity =
            integration.id === target.id ||
            (identity !== null &&
              integration.authorizedBy?.provider === identity.provider &&
              integration.authorizedBy.externalUserId === identity.externalUserId);
          if (!sameIdentity || (!integration.needsReauthorization && integration.status !== 'EXPIRING_SOON')) continue;
          update(integration.id, {
            status: 'HEALTHY',
            needsReauthorization: false,
            cause: null,
            untrackedSince: null,
            tokenExpiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
            statusChangedAt: new Date().toISOString(),
          });
          healed.push(integration.id);
        }
      }
      if (ticket.returnTo) {
        res.writeHead(302, { location: ticket.returnTo }).end();
        return;
      }
      const message =
        consent.outcome === 'approve'
          ? { source: 'relink', type: 'oauth-complete', ok: true, integrationIds: healed }
          : { source: 'relink', type: 'oauth-complete', ok: false, error: consent.error, integrationIds: [ticket.integrationId] };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(donePage(message, options.allowedOrigin));
    });
  }

  if (options.widgetBundleFile) {
    const file = options.widgetBundleFile;
    server.route('/widget/relink-banner.js', async (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'no-store' })
        .end(await readFile(file));
    });
  }

  let dispose: (() => Promise<void> | void) | null = null;
  let wss: WebSocketServer | null = null;
  if (options.websockets === false) {
    server.server.on('upgrade', (_req, socket) => socket.destroy());
  } else {
    wss = new WebSocketServer({ server: server.server, path: '/graphql' });
    const cleanup = useServer(
      {
        schema,
        roots: { subscription: { integrationStatusChanged: () => mapIterator(changes.subscribe()) } },
        onConnect: (ctx) => ctx.connectionParams?.authorization === `Bearer ${token}`,
      },
      wss,
    );
    dispose = () => cleanup.dispose();
  }

  return {
    origin: server.origin,
    server,
    requests,
    reauthorizations,
    get subscriberCount() {
      return changes.size;
    },
    dropWebSockets() {
      for (const client of wss?.clients ?? []) client.terminate();
    },
    setIntegrations(list) {
      integrations.clear();
      for (const integration of list) integrations.set(integration.id, integration);
    },
    integration: (id) => integrations.get(id),
    update,
    setToken(next) {
      token = next;
    },
    setConsent(next) {
      consent = next;
    },
    reset() {
      integrations.clear();
      tickets.clear();
      requests.length = 0;
      reauthorizations.length = 0;
      token = options.token;
      consent = { outcome: 'approve' };
    },
    async close() {
      await dispose?.();
      for (const client of wss?.clients ?? []) client.terminate();
      await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
      await server.close();
    },
  };
}

/** Wraps each integration as the subscription's root value (`{ integrationStatusChanged }`). */
function mapIterator(source: AsyncIterableIterator<FakeIntegration>): AsyncIterableIterator<{ integrationStatusChanged: FakeIntegration }> {
  return {
    next: async () => {
      const result = await source.next();
      return result.done ? { value: undefined, done: true } : { value: { integrationStatusChanged: result.value }, done: false };
    },
    return: async () => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
