import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../graphql/context.js';
import { cacheableOperation } from './cacheableOperation.js';
import { operationKey } from './operationKey.js';
import type { ResponseCache } from './ResponseCache.js';
import type { TenantFingerprints } from './TenantFingerprints.js';
import { ViewerHints } from './ViewerHints.js';

export interface ReadCachePluginOptions {
  cache: ResponseCache;
  fingerprints: TenantFingerprints;
  /** Filled here (credential → tenant) for the front door. */
  hints?: ViewerHints;
  log?: Logger;
}

/** Whether each (document, operation name) pair is cacheable, remembered per document object. */
const decisions = new WeakMap<DocumentNode, Map<string, boolean>>();

function isCacheable(document: DocumentNode, operationName: string | null | undefined): boolean {
  let byName = decisions.get(document);
  if (!byName) decisions.set(document, (byName = new Map()));
  const name = operationName ?? '';
  let decision = byName.get(name);
  if (decision === undefined) byName.set(name, (decision = cacheableOperation(document, operationName)));
  return decision;
}

/**
 * Serves the hot tenant reads (the banner's integration list, `healthSummary`) from a per-process
 * cache keyed by (viewer kind + tenant, document hash, operation name, variables). Before answering
 * from the cache it reads the tenant's fingerprint from the database (one indexed statement, batched
 * across concurrent requests): a response is served only while the fingerprint it was computed under
 * is still current, so no process ever serves data older than a change committed before the request
 * arrived — whichever process or code path committed it. Misses run normally and fill the cache.
 */
export function readCachePlugin({ cache, fingerprints, hints, log }: ReadCachePluginOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue, request }): Promise<GraphQLRequestListener<RequestContext> | void> {
      const viewer = contextValue.viewer;
      if (viewer.kind !== 'TENANT' && viewer.kind !== 'WIDGET') return;
      const tenantKey = `${viewer.kind}:${viewer.tenantId}`;
      const headers = request.http?.headers;
      hints?.set(ViewerHints.keyOf(headers?.get('authorization'), headers?.get('origin')), tenantKey);
      let fill: { key: string; fingerprint: string; queryHash: string } | undefined;
      return {
        async responseForOperation(rc) {
          if (!rc.queryHash || !isCacheable(rc.document, rc.operationName)) return null;
          let fingerprint: string;
          try {
            fingerprint = await fingerprints.read(viewer.tenantId);
          } catch (error) {
            log?.warn({ err: error }, 'read cache: could not read the tenant fingerprint; answering uncached');
            return null;
          }
          // The operation name as sent (not as resolved), so the front door computes the same key.
          const key = operationKey(rc.queryHash, rc.request.operationName, rc.request.variables);
          const hit = cache.get(tenantKey, key, fingerprint);
          if (hit) {
            const singleResult = JSON.parse(hit.body) as FormattedExecutionResult;
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult } };
          }
          fill = { key, fingerprint, queryHash: rc.queryHash };
          return null;
        },
        async willSendResponse(rc) {
          if (!fill || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          const status = rc.response.http.status;
          if (result.errors?.length || !result.data || (status !== undefined && status !== 200)) return;
          cache.rememberOperation(fill.queryHash, rc.request.operationName);
          // What Apollo sends for a result without errors or extensions (its prettyJSONStringify).
          cache.set(tenantKey, fill.key, { fingerprint: fill.fingerprint, body: `${JSON.stringify({ data: result.data })}\n` });
        },
      };
    },
  };
}
