import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestContext } from '../graphql/context.js';
import type { Services } from '../services/services.js';
import { readCachePlugin } from './readCachePlugin.js';
import { ResponseCache } from './ResponseCache.js';
import { TenantFingerprints } from './TenantFingerprints.js';

export interface ReadPath {
  /** The Apollo plugin serving cached tenant reads (install it on the ApolloServer). */
  plugin: ApolloServerPlugin<RequestContext>;
  cache: ResponseCache;
  fingerprints: TenantFingerprints;
  /** Stops listening to status changes. */
  close(): void;
}

/**
 * The read path's cache for one API process. Correctness comes from the fingerprint check on every
 * hit; the StatusBus (committed changes from every process) only drops a changed tenant's entries
 * early so they stop taking memory.
 */
export function createReadPath(services: Services, log?: Logger): ReadPath {
  const cache = new ResponseCache();
  const fingerprints = new TenantFingerprints(services.database);
  const stop = services.statusBus.subscribe((notice) => cache.dropTenant(notice.tenantId));
  return {
    plugin: readCachePlugin({ cache, fingerprints, ...(log ? { log } : {}) }),
    cache,
    fingerprints,
    close: () => {
      stop();
      cache.clear();
    },
  };
}
