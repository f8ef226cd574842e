import { GraphQLError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'PROVIDER_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type resolvers and services throw: a code a client can branch on and a message a person can act on. */
export class RelinkError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export const unauthenticated = (message = 'Sign in first: send an Authorization: Bearer <token> header.') =>
  new RelinkError('UNAUTHENTICATED', message);
export const forbidden = (message = 'This token may not do that.') => new RelinkError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => new RelinkError('NOT_FOUND', `No ${what} with id "${id}" is visible to you.`);
export const badInput = (message: string, field?: string) =>
  new RelinkError('BAD_USER_INPUT', message, field ? { field } : {});
