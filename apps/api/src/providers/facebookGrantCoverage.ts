const ADS_SCOPES = new Set(['ads_read', 'ads_management']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * From a debug_token answer (`{data: {granular_scopes: [{scope, target_ids?}]}}`, or its JSON text
 * as a batch item carries it): does the ads grant still cover this ad account? `undefined` when the
 * answer does not say (no per-account targets listed: the grant is not limited to some accounts).
 */
export function grantCoversAdAccount(debugTokenBody: unknown, externalAccountId: string): boolean | undefined {
  const body = parsed(debugTokenBody);
  const data = isRecord(body) ? body.data : undefined;
  const granular = isRecord(data) && Array.isArray(data.granular_scopes) ? data.granular_scopes : [];
  const digits = externalAccountId.replace(/^act_/, '');
  let limited = false;
  for (const entry of granular) {
    if (!isRecord(entry) || typeof entry.scope !== 'string' || !ADS_SCOPES.has(entry.scope) || !Array.isArray(entry.target_ids)) continue;
    limited = true;
    if (entry.target_ids.some((id) => String(id) === digits)) return true;
  }
  return limited ? false : undefined;
}

/** Graph's "object does not exist or cannot be loaded due to missing permissions" (code 100, subcode 33). */
export function isUnreachableObject(body: unknown): boolean {
  const error = isRecord(body) ? body.error : undefined;
  return isRecord(error) && Number(error.code) === 100 && Number(error.error_subcode) === 33;
}
