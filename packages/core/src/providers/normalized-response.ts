import type { CheckResult, ProviderResponse } from '../check-result.js';
import { validTime } from '../dates.js';
import { headerReader, type HeaderReader } from './header-reader.js';
import { parseJsonLoosely } from './json-shape.js';

/** A provider answer after the odd parts were smoothed out, as every provider classifier receives it. */
export interface NormalizedResponse {
  status: number | null;
  /** Parsed JSON; a string when the body was text that is not JSON; undefined when empty. */
  body: unknown;
  header: HeaderReader;
  now: Date;
  requiredScopes: readonly string[];
}

/** Never throws: a missing or malformed part becomes its neutral value. */
export function normalizeResponse(response: ProviderResponse): NormalizedResponse {
  const raw: Partial<ProviderResponse> = typeof response === 'object' && response !== null ? response : {};
  const status = typeof raw.status === 'number' && Number.isInteger(raw.status) ? raw.status : null;
  const requiredScopes = Array.isArray(raw.requiredScopes)
    ? raw.requiredScopes.filter((s): s is string => typeof s === 'string')
    : [];
  return {
    status,
    body: parseJsonLoosely(raw.body),
    header: headerReader(raw.headers),
    now: new Date(validTime(raw.now) ?? Date.now()),
    requiredScopes,
  };
}

export function transient(retryAfterSeconds?: number): CheckResult {
  return retryAfterSeconds === undefined ? { outcome: 'transient' } : { outcome: 'transient', retryAfterSeconds };
}

/** The largest of the known waits, or undefined when none is known. */
export function longestWait(...seconds: ReadonlyArray<number | undefined>): number | undefined {
  const known = seconds.filter((s): s is number => s !== undefined && Number.isFinite(s) && s >= 0);
  return known.length === 0 ? undefined : Math.max(...known);
}

/** The required scopes `granted` lacks (none when nothing is required). */
export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  return required.filter((scope) => !granted.includes(scope));
}

export function isServerOrThrottle(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}
