import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/authenticate.js';
import type { RequestContext } from '../graphql/context.js';
import type { Services } from '../services/services.js';
import { readCacheFrontDoor } from './frontDoor.js';
import { readCachePlugin } from './readCachePlugin.js';
import { ResponseCache } from './ResponseCache.js';
import { TenantFingerprints } from './TenantFingerprints.js';
import { ViewerHints } from './ViewerHints.js';

export interface ReadPath {
  /** The Apollo plugin serving cached tenant reads (install it on the ApolloServer). */
  plugin: ApolloServerPlugin<RequestContext>;
  /** Express middleware for `/graphql`, after the JSON body parser and before Apollo: serves current hits. */
  frontDoor: RequestHandler;
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
  const hints = new ViewerHints();
  const stop = services.statusBus.subscribe((notice) => cache.dropTenant(notice.tenantId));
  return {
    plugin: readCachePlugin({ cache, fingerprints, hints, ...(log ? { log } : {}) }),
    frontDoor: readCacheFrontDoor({
      cache,
      fingerprints,
      hints,
      // The same decision as the GraphQL context (httpContext): token + Origin.
      viewerOf: (req) => authenticate(services, req.headers.authorization, req.headers.origin),
    }),
    cache,
    fingerprints,
    close: () => {
      stop();
      cache.clear();
    },
  };
}
