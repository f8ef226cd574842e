import type { RelinkDatabase } from '@relink/db';
import type { Config } from '../config.js';
import { TenantService } from './TenantService.js';

/** Everything the ways in (GraphQL, OAuth routes, webhooks, monitor) call. */
export interface Services {
  config: Config;
  database: RelinkDatabase;
  tenants: TenantService;
}

export function createServices(config: Config, database: RelinkDatabase): Services {
  return { config, database, tenants: new TenantService(database) };
}
