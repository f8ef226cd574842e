import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { createDatabase, type RelinkDatabase } from '@relink/db';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { healthRoute } from './http/healthRoute.js';
import { adminRoute } from './http/adminRoute.js';
import { widgetRoute } from './http/widgetRoute.js';
import { demoRoute } from './http/demoRoute.js';
import type { RequestContext } from './graphql/context.js';
import { formatError } from './graphql/formatError.js';
import { graphqlCors } from './graphql/cors.js';
import { httpContext } from './graphql/httpContext.js';
import { createArmor } from './graphql/armor.js';
import { startSubscriptionServer } from './graphql/subscriptionServer.js';
import { buildRelinkSchema } from './graphql/schema.js';
import { createServices, type Services } from './services/services.js';
import { mountProviderRoutes } from './oauth/providerRoutes.js';
import { startMonitor, type AppMonitorOptions } from './monitor/startMonitor.js';
import type { Monitor } from './monitor/Monitor.js';
import { createReadPath, type ReadPath } from './readpath/createReadPath.js';

export interface AppOptions {
  /** An already-open database (tests); otherwise one is opened from the config. */
  database?: RelinkDatabase;
  logger?: Logger;
  /** The health monitor (sweep + pg-boss workers) in this process; off unless `enabled`. */
  monitor?: AppMonitorOptions;
  /** The per-tenant read cache for hot tenant queries (src/readpath); on unless `false`. */
  readCache?: boolean;
}

export interface RelinkApp {
  app: Express;
  server: Server;
  schema: GraphQLSchema;
  services: Services;
  database: RelinkDatabase;
  /** The in-process health monitor, when `monitor.enabled`. */
  monitor: Monitor | undefined;
  /** The read path's response cache, unless `readCache: false`. */
  readPath: ReadPath | undefined;
  close(): Promise<void>;
}

/** Builds the whole API without listening: `main.ts` listens, tests call `server.listen(0)`. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<RelinkApp> {
  const log = options.logger ?? createLogger(config.mode);
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await createDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: `${config.dataDir}/pglite` }));
  const services = await createServices(config, database);
  const schema = await buildRelinkSchema();

  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const armor = createArmor(config.mode);
  const subscriptions = startSubscriptionServer({ server, schema, services, log, mode: config.mode, validationRules: armor.validationRules });
  const readPath = options.readCache === false ? undefined : createReadPath(services, log);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.mode !== 'production',
    includeStacktraceInErrorResponses: config.mode === 'development',
    formatError: formatError(config.mode),
    validationRules: armor.validationRules,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), subscriptions.drainPlugin, ...armor.plugins, ...(readPath ? [readPath.plugin] : [])],
  });
  await apollo.start();

  app.use(healthRoute(database));
  app.use(adminRoute());
  app.use(widgetRoute());
  if (config.mode !== 'production') app.use(demoRoute(services, log));
  const providerRoutes = mountProviderRoutes(app, services, log);
  app.use(
    '/graphql',
    graphqlCors(),
    express.json({ limit: '100kb' }),
    ...(readPath ? [readPath.frontDoor] : []),
    expressMiddleware(apollo, { context: httpContext(services, log) }),
  );

  const monitor = await startMonitor(services, log, options.monitor);

  return {
    app,
    server,
    schema,
    services,
    database,
    monitor,
    readPath,
    async close() {
      await monitor?.stop();
      await apollo.stop();
      await providerRoutes.sandbox?.close();
      readPath?.close();
      await services.statusBus.close();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDatabase) await database.close();
    },
  };
}
