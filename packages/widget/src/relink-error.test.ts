import { describe, expect, it } from 'vitest';
import { RelinkError, errorCodeFromCloseCode, errorCodeFromGraphQL, toRelinkError } from './relink-error.js';
import { backoffMs } from './live-updates.js';

describe('error codes', () => {
  it('maps GraphQL extensions.code and graphql-ws close codes', () => {
    expect(errorCodeFromGraphQL('UNAUTHENTICATED')).toBe('SESSION_EXPIRED');
    expect(errorCodeFromGraphQL('FORBIDDEN')).toBe('FORBIDDEN');
    expect(errorCodeFromGraphQL('BAD_USER_INPUT')).toBe('BAD_REQUEST');
    expect(errorCodeFromGraphQL('PROVIDER_UNAVAILABLE')).toBe('PROVIDER_UNAVAILABLE');
    expect(errorCodeFromGraphQL(undefined)).toBe('SERVER');
    expect(errorCodeFromCloseCode(4401)).toBe('SESSION_EXPIRED');
    expect(errorCodeFromCloseCode(4403)).toBe('FORBIDDEN');
    expect(errorCodeFromCloseCode(1006)).toBeNull();
  });

  it('wraps unknown throws', () => {
    const kept = new RelinkError('NETWORK', 'down');
    expect(toRelinkError(kept)).toBe(kept);
    expect(toRelinkError(new TypeError('boom'))).toMatchObject({ code: 'SERVER', message: 'boom' });
  });

  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffMs(0, () => 1)).toBe(1000);
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(8000);
    expect(backoffMs(50, () => 1)).toBe(30_000);
  });
});
