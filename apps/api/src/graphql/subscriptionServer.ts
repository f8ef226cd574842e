import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { authenticate } from '../auth/authenticate.js';
import type { RunMode } from '../config.js';
import type { Services } from '../services/services.js';
import type { RequestContext } from './context.js';
import { RelinkError } from './errors.js';
import { createLoaders } from './loaders.js';
import type { Viewer } from './viewer.js';

export const WS_CLOSE_UNAUTHENTICATED = 4401;
export const WS_CLOSE_FORBIDDEN = 4403;

export interface SubscriptionServer {
  /** An Apollo plugin that closes every socket and the WebSocket server when Apollo stops. */
  drainPlugin: ApolloServerPlugin;
  dispose(): Promise<void>;
}

export interface SubscriptionServerOptions {
  server: Server;
  schema: GraphQLSchema;
  services: Services;
  log: Logger;
  mode: RunMode;
  /** Extra validation (graphql-armor's limits), the same as over HTTP. */
  validationRules: readonly ValidationRule[];
}

const readParam = (params: Readonly<Record<string, unknown>> | undefined, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = params?.[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
};

/**
 * graphql-ws on the HTTP server's `/graphql`. A socket authenticates once in `connection_init`
 * (`authorization` param, `Bearer …` or the bare token; widget tokens also need the upgrade's Origin);
 * failures close it with 4401 (no/invalid token) or 4403 (wrong origin). A widget socket is closed
 * when its session expires.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { server, schema, services, log, mode } = options;
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const viewers = new WeakMap<object, Viewer>();
  const timers = new WeakMap<object, NodeJS.Timeout>();
  const rules = [...specifiedRules, ...options.validationRules, ...(mode === 'production' ? [NoSchemaIntrospectionCustomRule] : [])];

  const cleanup = useServer<Record<string, unknown>>(
    {
      schema,
      validate: (s, document) => validate(s, document, rules),
      onConnect: async (ctx) => {
        const raw = readParam(ctx.connectionParams, 'authorization', 'Authorization');
        const header = raw && !/^bearer\s/i.test(raw) ? `Bearer ${raw}` : raw;
        const origin = ctx.extra.request.headers.origin;
        try {
          const viewer = await authenticate(services, header, origin);
          if (viewer.kind === 'ANONYMOUS') {
            ctx.extra.socket.close(WS_CLOSE_UNAUTHENTICATED, 'Send connectionParams.authorization: a tenant key, widget session or staff token');
            return false;
          }
          viewers.set(ctx, viewer);
          if (viewer.kind === 'WIDGET') {
            const timer = setTimeout(() => ctx.extra.socket.close(WS_CLOSE_UNAUTHENTICATED, 'Widget session expired'), Math.max(0, viewer.expiresAt.getTime() - Date.now()));
            timer.unref();
            timers.set(ctx, timer);
          }
          return true;
        } catch (error) {
          const forbidden = error instanceof RelinkError && error.code === 'FORBIDDEN';
          const message = error instanceof Error ? error.message : 'Not allowed';
          ctx.extra.socket.close(forbidden ? WS_CLOSE_FORBIDDEN : WS_CLOSE_UNAUTHENTICATED, Buffer.from(message).subarray(0, 120).toString());
          return false;
        }
      },
      onClose: (ctx) => {
        const timer = timers.get(ctx);
        if (timer) clearTimeout(timer);
      },
      context: (ctx): RequestContext => ({
        viewer: viewers.get(ctx) ?? { kind: 'ANONYMOUS' },
        services,
        log,
        loaders: createLoaders(services),
      }),
    },
    wsServer,
  );

  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= (async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    })());
  return {
    dispose,
    drainPlugin: {
      async serverWillStart() {
        return { drainServer: dispose };
      },
    },
  };
}
