import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { handleGraph } from './graph.js';
import { graphError } from './graphError.js';
import { splitVersion } from './version.js';

export const MAX_BATCH = 50;

interface BatchItem {
  method?: unknown;
  relative_url?: unknown;
  body?: unknown;
}

/**
 * `POST /` with `batch=[{method,relative_url},…]`: at most 50 calls, each answered as
 * `{code, headers:[{name,value}], body:"<json>"}` (`null` for an item that could not be read).
 */
export function handleBatch(ctx: SandboxContext, form: Record<string, string>, headerToken: string | undefined, version: string): ProviderResponse {
  const raw = form.batch;
  if (raw === undefined) return graphError(ctx, { code: 100, message: '(#100) The parameter batch is required' });
  let items: unknown;
  try {
    items = JSON.parse(raw);
  } catch {
    return graphError(ctx, { code: 100, type: 'GraphBatchException', message: 'The batch parameter must be a JSON array' });
  }
  if (!Array.isArray(items)) return graphError(ctx, { code: 100, type: 'GraphBatchException', message: 'The batch parameter must be a JSON array' });
  if (items.length > MAX_BATCH) {
    return graphError(ctx, { code: 1, type: 'GraphBatchException', message: `Too many requests in batch message. Maximum batch size is ${MAX_BATCH}` });
  }
  const fallbackToken = form.access_token ?? headerToken;
  const answers = items.map((item: BatchItem) => {
    if (!item || typeof item !== 'object' || typeof item.relative_url !== 'string') return null;
    const method = typeof item.method === 'string' ? item.method : 'GET';
    const url = new URL(item.relative_url.replace(/^\/+/, ''), 'http://batch.invalid/');
    const query = Object.fromEntries(url.searchParams);
    if (typeof item.body === 'string') Object.assign(query, Object.fromEntries(new URLSearchParams(item.body)));
    if (form.appsecret_proof && query.appsecret_proof === undefined && query.access_token === undefined) query.appsecret_proof = form.appsecret_proof;
    const { path, version: itemVersion } = splitVersion(url.pathname);
    const token = query.access_token ?? fallbackToken;
    const answer = handleGraph(ctx, { method, path, query, token, version: itemVersion ?? version, tokenInQuery: query.access_token !== undefined });
    const headers = [
      { name: 'Content-Type', value: 'text/javascript; charset=UTF-8' },
      ...Object.entries(answer.headers ?? {}).map(([name, value]) => ({ name, value })),
    ];
    const body = JSON.stringify(answer.body);
    return form.include_headers === 'false' ? { code: answer.status, body } : { code: answer.status, headers, body };
  });
  return { status: 200, body: answers };
}
