import type { CheckResult } from '../check-result.js';
import { classifyFacebookResponse } from './facebook.js';
import { isRecord, numberAt, parseJsonLoosely, stringAt } from './json-shape.js';
import { normalizeResponse, transient } from './normalized-response.js';

export interface GraphBatchOptions {
  now?: Date;
  requiredScopes?: readonly string[];
}

/** A batch item's `headers: [{name, value}]` as a plain header object. */
function itemHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!Array.isArray(headers)) return result;
  for (const header of headers) {
    const name = stringAt(header, 'name');
    const value = stringAt(header, 'value');
    if (name !== undefined && value !== undefined) result[name] = value;
  }
  return result;
}

/**
 * The answer of a Graph batch call (`POST /` with `batch=[…]`): one result per item, in order.
 * Each item is `{ code, headers: [{name, value}], body: "<json string>" }`, classified as a Graph
 * response of its own; `null` (a request Facebook did not get to) and malformed items are transient.
 * `items` may be the parsed array or its JSON text; anything that is not an array gives `[]`
 * (classify such a top-level answer with `classifyProviderResponse` instead).
 */
export function classifyGraphBatchResponse(items: unknown, options: GraphBatchOptions = {}): CheckResult[] {
  const list = parseJsonLoosely(items);
  if (!Array.isArray(list)) return [];
  const opts: GraphBatchOptions = isRecord(options) ? options : {};
  const now = opts.now ?? new Date();
  return list.map((item: unknown): CheckResult => {
    const code = numberAt(item, 'code');
    if (!isRecord(item) || code === undefined) return transient();
    return classifyFacebookResponse(
      normalizeResponse({
        status: code,
        body: item['body'],
        headers: itemHeaders(item['headers']),
        now,
        requiredScopes: opts.requiredScopes,
      }),
    );
  });
}
