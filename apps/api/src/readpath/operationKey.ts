/** JSON with object keys sorted, so `{a,b}` and `{b,a}` name the same variables. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** What one cached response answers: the document (by hash), the operation chosen in it, the variables. */
export function operationKey(queryHash: string, operationName: string | null | undefined, variables: unknown): string {
  return `${queryHash}\n${operationName ?? ''}\n${stableJson(variables ?? {})}`;
}
