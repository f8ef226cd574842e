import type { RelinkDatabase } from '@relink/db';
import type { Config } from '../config.js';
import { StatusBus } from './StatusBus.js';
import { StatusService } from './StatusService.js';
import { TenantService } from './TenantService.js';

/** Everything the ways in (GraphQL, OAuth routes, webhooks, monitor) call. */
export interface Services {
  config: Config;
  database: RelinkDatabase;
  status: StatusService;
  statusBus: StatusBus;
  tenants: TenantService;
}

export async function createServices(config: Config, database: RelinkDatabase): Promise<Services> {
  const statusBus = await StatusBus.start(database);
  return {
    config,
    database,
    status: new StatusService(database),
    statusBus,
    tenants: new TenantService(database),
  };
}
