import type { Logger } from 'pino';
import type { Services } from '../services/services.js';
import type { IntegrationChecker } from './checkReport.js';
import { Monitor, type MonitorOptions } from './Monitor.js';

/** `createApp`'s `monitor` option: off unless `enabled` (tests turn it on where they need it). */
export type AppMonitorOptions = MonitorOptions & { enabled: boolean };

function isChecker(value: unknown): value is IntegrationChecker {
  return typeof value === 'object' && value !== null && typeof (value as Partial<IntegrationChecker>).checkMany === 'function';
}

/** The provider layer's batch checker, `services.checks`, when it is wired. */
export function checkerOf(services: Services): IntegrationChecker | undefined {
  const checks: unknown = (services as Services & { checks?: unknown }).checks;
  return isChecker(checks) ? checks : undefined;
}

/** Starts the monitor over `services` (checker: `options.checker`, else `services.checks`); undefined when disabled. */
export async function startMonitor(services: Services, log: Logger, options: AppMonitorOptions | undefined): Promise<Monitor | undefined> {
  if (!options?.enabled) return undefined;
  const { enabled: _enabled, ...rest } = options;
  const checker = rest.checker ?? checkerOf(services);
  return Monitor.start(services, log, { ...rest, ...(checker ? { checker } : {}) });
}
