import type { CheckResult } from '../check-result.js';
import type { InvalidationCause } from '../invalidation-cause.js';
import { isRecord, numberAt, stringAt, type JsonRecord } from './json-shape.js';

/** The parts of a Graph API error object we decide on. */
export interface GraphError {
  code?: number;
  subcode?: number;
  message?: string;
  isTransient?: boolean;
}

/** Reads `{ code, error_subcode | subcode, message, is_transient }` (Graph error or debug_token `data.error`). */
export function readGraphError(error: JsonRecord): GraphError {
  const isTransient = error['is_transient'];
  return {
    code: numberAt(error, 'code'),
    subcode: numberAt(error, 'error_subcode') ?? numberAt(error, 'subcode'),
    message: stringAt(error, 'message'),
    isTransient: typeof isTransient === 'boolean' ? isTransient : undefined,
  };
}

/** `{ "error": { … } }` → its parts; undefined when the body is no Graph error. */
export function graphErrorOf(body: unknown): GraphError | undefined {
  if (!isRecord(body)) return undefined;
  const error = body['error'];
  return isRecord(error) ? readGraphError(error) : undefined;
}

/** Code 190/102 subcodes (PROVIDERS.md). */
const SUBCODE_CAUSES: ReadonlyMap<number, InvalidationCause> = new Map([
  [458, 'APP_DEAUTHORIZED'],
  [459, 'SECURITY_CHECKPOINT'],
  [460, 'PASSWORD_CHANGED'],
  [463, 'TOKEN_EXPIRED'],
  [464, 'SECURITY_CHECKPOINT'],
  [467, 'SESSION_INVALIDATED'],
  [492, 'PERMISSIONS_CHANGED'],
  // "The user has not engaged the app in longer than 90 days": data access ran out.
  [493, 'DATA_ACCESS_EXPIRED'],
]);

export function causeForSubcode(subcode: number | undefined): InvalidationCause | undefined {
  return subcode === undefined ? undefined : SUBCODE_CAUSES.get(subcode);
}

/**
 * Last resort for token errors that carry no subcode: Facebook's own wording of its messages,
 * most specific first ("…invalidated because the user changed their password…" before "invalidated").
 */
const MESSAGE_CAUSES: ReadonlyArray<readonly [RegExp, InvalidationCause]> = [
  [/changed (?:their|the|his|her) password|changed the session for security reasons/i, 'PASSWORD_CHANGED'],
  [/data access (?:has )?expired/i, 'DATA_ACCESS_EXPIRED'],
  [/session has expired|has expired on /i, 'TOKEN_EXPIRED'],
  [/has not authorized application|not installed the app|app is not installed/i, 'APP_DEAUTHORIZED'],
  [/checkpoint|not a confirmed user|unconfirmed user/i, 'SECURITY_CHECKPOINT'],
  [/logged out|session is invalid|session has been invalidated/i, 'SESSION_INVALIDATED'],
];

/** Messages that are unmistakably about the access token itself. */
const TOKEN_MESSAGE = /error validating access token|invalid oauth (?:2\.0 )?access token|access token (?:has expired|is invalid)/i;

export function causeFromMessage(message: string | undefined): InvalidationCause | undefined {
  if (message === undefined) return undefined;
  return MESSAGE_CAUSES.find(([pattern]) => pattern.test(message))?.[1];
}

/** For text that is unmistakably a token error: its cause (UNKNOWN when the wording is new to us). */
export function tokenErrorCause(message: string | undefined): InvalidationCause | undefined {
  if (message === undefined || !TOKEN_MESSAGE.test(message)) return undefined;
  return causeFromMessage(message) ?? 'UNKNOWN';
}

const isThrottleCode = (code: number): boolean =>
  code === 4 || code === 17 || code === 32 || code === 341 || code === 613 || (code >= 80000 && code <= 80014);

/**
 * A Graph API error → result. `httpStatus` only matters for codes outside the table: an unknown
 * error is invalid (UNKNOWN) only when it clearly concerns the token (HTTP 401 or token wording).
 */
export function classifyGraphError(error: GraphError, httpStatus: number | null, backoff: () => CheckResult): CheckResult {
  if (error.isTransient === true) return backoff();
  const code = error.code;
  if (code === 190 || code === 102) {
    return { outcome: 'invalid', cause: causeForSubcode(error.subcode) ?? causeFromMessage(error.message) ?? 'SESSION_INVALIDATED' };
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };
  if (code === 1 || code === 2 || code === 368 || (code !== undefined && isThrottleCode(code))) return backoff();
  if (httpStatus === 401 || tokenErrorCause(error.message)) {
    return { outcome: 'invalid', cause: causeForSubcode(error.subcode) ?? causeFromMessage(error.message) ?? 'UNKNOWN' };
  }
  return backoff();
}
