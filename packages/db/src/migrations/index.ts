import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { IntegrationsSchema1764200000000 } from './1764200000000-integrations-schema.js';
import { ListOrderIndexes1795641450091 } from './1795641450091-list-order-indexes.js';
import { ExpiryIndexes1795660000000 } from './1795660000000-expiry-indexes.js';
import { MonitorSchedule1795670000000 } from './1795670000000-monitor-schedule.js';

/** Every migration, oldest first. Classes, not globs, so they run from src (Vitest) and dist alike. */
export const MIGRATIONS = [InitialSchema1764100000000, IntegrationsSchema1764200000000, ListOrderIndexes1795641450091, ExpiryIndexes1795660000000, MonitorSchedule1795670000000];
