import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import Negotiator from 'negotiator';
import type { Viewer } from '../graphql/viewer.js';
import { operationKey } from './operationKey.js';
import type { ResponseCache } from './ResponseCache.js';
import type { TenantFingerprints } from './TenantFingerprints.js';
import { ViewerHints } from './ViewerHints.js';

/** Apollo Server's media types for a single JSON result, in the order it offers them. */
const JSON_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];

const contentTypes = new Map<string, string | null>();

/** The content type Apollo Server would answer a single result with for this Accept header (memoized). */
export function contentTypeFor(accept: string | undefined): string | null {
  if (!accept) return JSON_TYPES[0]!;
  let type = contentTypes.get(accept);
  if (type === undefined) {
    type = new Negotiator({ headers: { accept } }).mediaType(JSON_TYPES) ?? null;
    if (contentTypes.size < 1_000) contentTypes.set(accept, type);
  }
  return type;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Apollo's query hash for a POST body: sha256 of `query`, or the APQ hash when only that is sent; undefined when malformed. */
export function queryHashOf(body: Record<string, unknown>): string | undefined {
  const { query, extensions } = body;
  const persisted = isRecord(extensions) && isRecord(extensions.persistedQuery) ? extensions.persistedQuery : undefined;
  if (typeof query === 'string') {
    const hash = createHash('sha256').update(query).digest('hex');
    return persisted && persisted.sha256Hash !== hash ? undefined : hash;
  }
  if (query === undefined && persisted?.version === 1 && typeof persisted.sha256Hash === 'string') return persisted.sha256Hash;
  return undefined;
}

export interface FrontDoorOptions {
  cache: ResponseCache;
  fingerprints: TenantFingerprints;
  hints: ViewerHints;
  /** Who is calling, exactly as the GraphQL context decides it; throws for a bad token. */
  viewerOf(req: Request): Promise<Viewer>;
}

/**
 * Express middleware in front of Apollo on `/graphql` (after CORS and the JSON body parser): answers a
 * POST whose (tenant, document, operation, variables) response is cached and still current — the same
 * fingerprint check as `readCachePlugin` — with the exact bytes and content type Apollo would send,
 * without entering Apollo. It authenticates exactly as the GraphQL context does, and only when the
 * credential's tenant (remembered by digest in ViewerHints) has this operation cached. Everything else
 * (misses, new or bad tokens, mutations, other shapes) goes on to Apollo unchanged, which fills the
 * cache through the plugin.
 */
export function readCacheFrontDoor({ cache, fingerprints, hints, viewerOf }: FrontDoorOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    if (req.method !== 'POST' || !isRecord(body)) return next();
    const hash = queryHashOf(body);
    const { operationName, variables } = body;
    if (!hash || (operationName != null && typeof operationName !== 'string') || (variables != null && !isRecord(variables))) return next();
    if (!cache.knowsOperation(hash, operationName)) return next();
    const contentType = contentTypeFor(req.headers.accept);
    if (!contentType) return next();
    const key = operationKey(hash, operationName, variables);
    const hintKey = ViewerHints.keyOf(req.headers.authorization, req.headers.origin);
    const hinted = hints.get(hintKey);
    // A credential not seen yet, or one whose tenant has nothing cached for this operation, goes straight
    // to Apollo, which authenticates it once (and may still answer from the cache through the plugin).
    if (hinted === undefined || !cache.has(hinted, key)) return next();
    serve(req, res, key, contentType, hintKey).then(
      (served) => (served ? undefined : next()),
      () => next(),
    );
  };

  async function serve(req: Request, res: Response, key: string, contentType: string, hintKey: string | undefined): Promise<boolean> {
    const viewer = await viewerOf(req);
    if (viewer.kind !== 'TENANT' && viewer.kind !== 'WIDGET') return false;
    const tenantKey = `${viewer.kind}:${viewer.tenantId}`;
    hints.set(hintKey, tenantKey);
    if (!cache.has(tenantKey, key)) return false;
    const entry = cache.get(tenantKey, key, await fingerprints.read(viewer.tenantId));
    if (!entry) return false;
    res.statusCode = 200;
    res.setHeader('content-type', contentType);
    res.send(entry.body);
    cache.countFrontDoorHit();
    return true;
  }
}
