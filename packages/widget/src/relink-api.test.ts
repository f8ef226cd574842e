import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiEndpoint } from './api-endpoint.js';
import { fetchWatchedIntegrations, startReauthorization } from './relink-api.js';
import { RelinkError } from './relink-error.js';
import {
  FAKE_CAUSES,
  fakeBrokenIntegration,
  fakeIntegration,
  startContractFakeApi,
  startTestServer,
  type ContractFakeApi,
} from './test-support/index.js';

// The widget's GraphQL client (Node's fetch) against the contract fake: the operations must be
// valid against the contract's schema, and errors must map to the widget's codes.

let fake: ContractFakeApi;
const TOKEN = 'wst_unit';

beforeAll(async () => {
  fake = await startContractFakeApi({ token: TOKEN, allowedOrigin: 'http://host.test', websockets: false });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function failure(promise: Promise<unknown>): Promise<RelinkError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RelinkError)) throw new Error(`expected a RelinkError, got ${String(error)}`);
  return error;
}

describe('the widget GraphQL client', () => {
  it('fetches only the statuses that may need the user, with the bearer token', async () => {
    const broken = fakeBrokenIntegration(FAKE_CAUSES.PASSWORD_CHANGED, 5);
    const expiring = fakeIntegration({ status: 'EXPIRING_SOON', tokenExpiresAt: '2031-01-01T00:00:00.000Z' });
    fake.setIntegrations([broken, expiring, fakeIntegration(), fakeIntegration({ status: 'DISCONNECTED' })]);
    const list = await fetchWatchedIntegrations(apiEndpoint(fake.origin, TOKEN, 'http://host.test/'));
    expect(list.map((i) => i.id)).toEqual([broken.id, expiring.id]);
    expect(list[0]?.cause?.title).toBe('Password changed');
    expect(fake.requests[0]).toMatchObject({ operationName: 'RelinkBannerIntegrations', authorization: `Bearer ${TOKEN}` });
  });

  it('maps UNAUTHENTICATED to SESSION_EXPIRED with the API message', async () => {
    const error = await failure(fetchWatchedIntegrations(apiEndpoint(fake.origin, 'stale', 'http://host.test/')));
    expect(error.code).toBe('SESSION_EXPIRED');
    expect(error.message).toMatch(/session has expired/);
  });

  it('reports NETWORK when the API cannot be reached', async () => {
    const error = await failure(fetchWatchedIntegrations(apiEndpoint('http://127.0.0.1:9', TOKEN, 'http://host.test/')));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/^Could not reach Relink at http:\/\/127\.0\.0\.1:9\/graphql/);
  });

  it('starts a reauthorization and returns the consent URL; NOT_FOUND for an unknown id', async () => {
    const broken = fakeBrokenIntegration(FAKE_CAUSES.TOKEN_EXPIRED, 5);
    fake.setIntegrations([broken]);
    const endpoint = apiEndpoint(fake.origin, TOKEN, 'http://host.test/');
    const url = await startReauthorization(endpoint, broken.id, 'http://host.test/page');
    expect(url).toMatch(new RegExp(`^${fake.origin}/auth/facebook/start\\?ticket=`));
    expect(fake.reauthorizations).toEqual([{ integrationId: broken.id, returnTo: 'http://host.test/page' }]);
    expect((await failure(startReauthorization(endpoint, 'nope', null))).code).toBe('NOT_FOUND');
  });

  it('maps bare HTTP failures and refuses a consent URL that is not http(s)', async () => {
    const answers: Array<{ status: number; body: string }> = [];
    const server = await startTestServer({
      '/graphql': (_req, res) => {
        const answer = answers.shift() ?? { status: 500, body: '' };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      },
    });
    try {
      const endpoint = apiEndpoint(server.origin, TOKEN, 'http://host.test/');
      answers.push({ status: 401, body: '' }, { status: 403, body: 'nope' }, { status: 502, body: '' }, { status: 200, body: '{"data":null}' });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await failure(fetchWatchedIntegrations(endpoint))).code);
      expect(codes).toEqual(['SESSION_EXPIRED', 'FORBIDDEN', 'SERVER', 'BAD_RESPONSE']);
      answers.push({ status: 200, body: JSON.stringify({ data: { startReauthorization: { url: 'javascript:alert(1)', expiresAt: '2030-01-01T00:00:00Z' } } }) });
      const error = await failure(startReauthorization(endpoint, 'x', null));
      expect(error.code).toBe('BAD_RESPONSE');
      expect(error.message).toMatch(/without an http\(s\) consent URL: "javascript:alert\(1\)"/);
      answers.push({ status: 200, body: JSON.stringify({ data: { integrations: { edges: [{ node: { id: 1 } }] } } }) });
      expect((await failure(fetchWatchedIntegrations(endpoint))).message).toMatch(/integrations\.edges\[0\]\.node\.id is 1/);
    } finally {
      await server.close();
    }
  });
});
