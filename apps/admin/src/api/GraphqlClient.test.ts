import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError.js';
import { GraphqlClient, op } from './GraphqlClient.js';

const VIEWER = op<{ viewer: { kind: string } }>('query { viewer { kind } }');

function answer(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('GraphqlClient', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token and returns data', async () => {
    const fetch = vi.fn(async () => answer(200, { data: { viewer: { kind: 'STAFF' } } }));
    vi.stubGlobal('fetch', fetch);
    const client = new GraphqlClient({ url: 'http://api/graphql', token: () => 'rls_x' });
    expect(await client.request(VIEWER, {})).toEqual({ viewer: { kind: 'STAFF' } });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer rls_x');
    expect(JSON.parse(String(init.body))).toEqual({ query: VIEWER.query, variables: {} });
  });

  it('turns GraphQL errors into ApiErrors with advice, and reports UNAUTHENTICATED', async () => {
    vi.stubGlobal('fetch', async () => answer(200, { errors: [{ message: 'This token is not valid.', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const onUnauthenticated = vi.fn();
    const client = new GraphqlClient({ url: 'http://api/graphql', token: () => 'old', onUnauthenticated });
    const error = await client.request(VIEWER, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This token is not valid.' });
    expect((error as ApiError).advice).toMatch(/Sign in again/);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);

    vi.stubGlobal('fetch', async () => answer(200, { errors: [{ message: 'x', extensions: { code: 'SOMETHING_NEW' } }] }));
    expect(await client.request(VIEWER, {}).catch((e: unknown) => e)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('names network failures and non-JSON answers', async () => {
    const client = new GraphqlClient({ url: 'http://api/graphql', token: () => null });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await client.request(VIEWER, {}).catch((e: unknown) => e)).toMatchObject({ code: 'NETWORK' });
    vi.stubGlobal('fetch', async () => answer(502, '<html>Bad gateway</html>'));
    expect(await client.request(VIEWER, {}).catch((e: unknown) => e)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'The Relink API answered HTTP 502.' });
    vi.stubGlobal('fetch', async () => answer(401, 'nope'));
    expect(await client.request(VIEWER, {}).catch((e: unknown) => e)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
