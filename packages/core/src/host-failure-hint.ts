import { classifyProviderResponse } from './classify-provider-response.js';
import type { InvalidationCause } from './invalidation-cause.js';
import type { Provider } from './provider.js';
import { isRecord, parseJsonLoosely } from './providers/json-shape.js';

/** What a host app says about one of its provider API calls that failed. */
export interface HostFailureReport {
  /** The HTTP status the host app got, when it says. */
  httpStatus?: number | null;
  /** The response body the host app got (JSON or text), when it says. */
  errorBody?: string | null;
}

/**
 * What a host-reported failure suggests — a hint for the history and for support, never a status:
 * the host's word alone never marks a token invalid, only the monitor's own check does.
 */
export type HostFailureHint = { outcome: 'invalid'; cause: InvalidationCause } | { outcome: 'transient' };

/** A provider's error body: Graph/Google Ads `{error: {…}}`, Google token endpoint `{error: "invalid_grant", …}`, or searchStream's `[{error: …}]`. */
function isProviderErrorBody(body: unknown): boolean {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (!isRecord(first)) return false;
  const error = first['error'];
  return (typeof error === 'string' && error.trim() !== '') || isRecord(error);
}

/**
 * The hint a host-reported failure carries: when `errorBody` is a provider error (JSON with an
 * `error` member), what `classifyProviderResponse` makes of it with the reported status — `invalid`
 * with its cause, or `transient` (rate limit, outage). Undefined when there is no body, or it is not
 * a provider error (text, a proxy's page, a success body): the check will tell. Never throws.
 */
export function hostFailureHint(provider: Provider, report: HostFailureReport, now: Date = new Date()): HostFailureHint | undefined {
  const body = parseJsonLoosely(typeof report.errorBody === 'string' ? report.errorBody : undefined);
  if (!isProviderErrorBody(body)) return undefined;
  const status = typeof report.httpStatus === 'number' && Number.isInteger(report.httpStatus) ? report.httpStatus : null;
  const result = classifyProviderResponse(provider, { status, body, now });
  switch (result.outcome) {
    case 'invalid':
      return { outcome: 'invalid', cause: result.cause };
    case 'transient':
      return { outcome: 'transient' };
    case 'valid':
      return undefined;
  }
}
