/** Codes the API sends in `extensions.code`, plus the client's own for transport failures. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'PROVIDER_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK'
  | 'BAD_RESPONSE';

const KNOWN: ReadonlySet<string> = new Set<ApiErrorCode>([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'PROVIDER_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'NETWORK', 'BAD_RESPONSE',
]);

export function toApiErrorCode(value: unknown): ApiErrorCode {
  return typeof value === 'string' && KNOWN.has(value) ? (value as ApiErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** What a person can do about each kind of failure, shown under the API's own message. */
const ADVICE: Record<ApiErrorCode, string> = {
  UNAUTHENTICATED: 'Sign in again with a valid staff token.',
  FORBIDDEN: 'This needs a staff token. Sign out and sign in with one.',
  NOT_FOUND: 'It may have been deleted, or the link is mistyped. Go back to the list and search for it.',
  BAD_USER_INPUT: 'Change the value named above and try again.',
  CONFLICT: 'Someone changed it at the same time. Reload and try again.',
  PROVIDER_UNAVAILABLE: 'The ad platform did not answer. Nothing was changed; try again in a few minutes.',
  INTERNAL_SERVER_ERROR: 'Try again in a moment. If it keeps failing, tell the on-call engineer the time it happened.',
  NETWORK: 'Check your connection (or whether the Relink server is running), then try again.',
  BAD_RESPONSE: 'The server answered in an unexpected way. Reload the page; if it persists, tell the on-call engineer.',
};

/** A failed API call: a code to branch on, the API's message and what to do about it. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly advice: string;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.advice = ADVICE[code];
  }

  /** Any thrown value as an ApiError (a plain Error becomes BAD_RESPONSE with its message). */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError('BAD_RESPONSE', error instanceof Error ? error.message : String(error));
  }
}
