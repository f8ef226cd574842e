/**
 * Why the widget could not do its job, as a code a host app can switch on.
 * - `SESSION_EXPIRED`: the session token is missing its mark (expired or invalid): mint a new one.
 * - `FORBIDDEN`: the token is valid but may not do this (e.g. the page's origin is not the session's).
 * - `NETWORK`: the Relink API could not be reached.
 * - `CONFIGURATION`: an attribute is missing or malformed (`api`, `session-token`).
 * - `REAUTHORIZATION_FAILED`: the provider's consent did not complete.
 * - the rest mirror the API's `extensions.code` values.
 */
export type RelinkErrorCode =
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'NETWORK'
  | 'CONFIGURATION'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'BAD_RESPONSE'
  | 'PROVIDER_UNAVAILABLE'
  | 'REAUTHORIZATION_FAILED'
  | 'SERVER';

/** An expected failure with a code; the message says what to do about it. */
export class RelinkError extends Error {
  override readonly name = 'RelinkError';

  constructor(
    readonly code: RelinkErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Maps a GraphQL error's `extensions.code` to the widget's code. */
export function errorCodeFromGraphQL(code: unknown): RelinkErrorCode {
  const text = String(code);
  return text === 'UNAUTHENTICATED'
    ? 'SESSION_EXPIRED'
    : /^(FORBIDDEN|NOT_FOUND|PROVIDER_UNAVAILABLE)$/.test(text)
      ? (text as RelinkErrorCode)
      : /^(BAD_USER_INPUT|GRAPHQL_)/.test(text)
        ? 'BAD_REQUEST'
        : 'SERVER';
}

/**
 * A graphql-ws close code that means "this token may not subscribe" (4401 Unauthorized,
 * 4403 Forbidden), mapped to the widget's code; `null` for every other close.
 */
export function errorCodeFromCloseCode(code: number): RelinkErrorCode | null {
  if (code === 4401) return 'SESSION_EXPIRED';
  if (code === 4403) return 'FORBIDDEN';
  return null;
}

/** Any thrown value as a RelinkError (unknown throws become `SERVER` with their message). */
export function toRelinkError(error: unknown): RelinkError {
  if (error instanceof RelinkError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RelinkError('SERVER', message);
}
