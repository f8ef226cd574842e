import type { Logger } from 'pino';
import { createDatabase, type RelinkDatabase } from '@relink/db';
import { ConfigError, type Config } from '../config.js';
import { createServices, type Services } from '../services/services.js';
import type { Monitor, MonitorOptions } from './Monitor.js';
import { startMonitor } from './startMonitor.js';

export interface RelinkWorker {
  services: Services;
  database: RelinkDatabase;
  monitor: Monitor;
  close(): Promise<void>;
}

/**
 * A worker process's whole life: its own database pool, the services, the monitor (sweep + pg-boss
 * workers), no HTTP. Run as many as you like on as many machines: they share the work through the
 * database. Needs PostgreSQL — embedded PGlite lives inside the one `pnpm start` process.
 */
export async function startWorker(
  config: Config,
  log: Logger,
  options: MonitorOptions & { database?: RelinkDatabase; schema?: string } = {},
): Promise<RelinkWorker> {
  const { database: given, schema, ...monitorOptions } = options;
  if (!given && !config.databaseUrl) {
    throw new ConfigError('RELINK_DATABASE_URL is required for a standalone worker (embedded PGlite belongs to the `pnpm start` process)');
  }
  const database = given ?? (await createDatabase({ url: config.databaseUrl, ...(schema ? { schema } : {}) }));
  const services = await createServices(config, database);
  let monitor: Monitor | undefined;
  try {
    monitor = await startMonitor(services, log, { ...monitorOptions, enabled: true });
  } catch (error) {
    await services.statusBus.close();
    if (!given) await database.close();
    throw error;
  }
  if (!monitor) throw new Error('monitor did not start');
  const running = monitor;
  let closing: Promise<void> | undefined;
  return {
    services,
    database,
    monitor: running,
    close() {
      closing ??= (async () => {
        await running.stop();
        await services.statusBus.close();
        if (!given) await database.close();
      })();
      return closing;
    },
  };
}
