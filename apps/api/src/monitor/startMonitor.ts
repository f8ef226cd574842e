import type { Logger } from 'pino';
import type { Services } from '../services/services.js';
import { Monitor, type MonitorOptions } from './Monitor.js';

/** `createApp`'s `monitor` option: off unless `enabled` (tests turn it on where they need it). */
export type AppMonitorOptions = MonitorOptions & { enabled: boolean };

/** Starts the monitor over `services` (checker: `options.checker`, else `services.checks`); undefined when disabled. */
export async function startMonitor(services: Services, log: Logger, options: AppMonitorOptions | undefined): Promise<Monitor | undefined> {
  if (!options?.enabled) return undefined;
  const { enabled: _enabled, ...rest } = options;
  return Monitor.start(services, log, { ...rest, checker: rest.checker ?? services.checks });
}
