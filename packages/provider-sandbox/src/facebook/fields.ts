import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { graphError } from './graphError.js';

/** Splits `fields=a,b,picture{url}` into top-level field names. */
export function parseFields(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '{' || ch === '(') depth += 1;
    else if (ch === '}' || ch === ')') depth -= 1;
    else if (ch === ',' && depth === 0) {
      names.push(current.trim());
      current = '';
      continue;
    }
    if (depth === 0 && ch !== '}' && ch !== ')') current += ch;
  }
  names.push(current.trim());
  return names.filter(Boolean).map((name) => name.split('.')[0] ?? name);
}

/** Picks `fields` from `available`, or Facebook's "nonexisting field" error for an unknown one. */
export function selectFields(
  ctx: SandboxContext,
  nodeType: string,
  requested: string[],
  available: Record<string, unknown>,
  known: readonly string[],
): { value: Record<string, unknown> } | { error: ProviderResponse } {
  const out: Record<string, unknown> = {};
  for (const field of requested) {
    if (!known.includes(field)) {
      return { error: graphError(ctx, { code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }) };
    }
    if (available[field] !== undefined) out[field] = available[field];
  }
  return { value: out };
}
