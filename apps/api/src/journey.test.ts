import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusForCause, type InvalidationCause, type Provider } from '@relink/core';
import { CheckService } from './services/CheckService.js';
import { storedTokens } from './test-support/storedTokens.js';
import { donePageData, startProviderHarness, type ProviderHarness } from './test-support/providerHarness.js';

/**
 * The whole journey over HTTP: a tenant connects Facebook and Google through the sandbox, every
 * invalidation cause of each provider is detected (by a recheck, or pushed by the provider), the
 * person reauthorizes, and the untracked window closes with the right length. Failures change nothing.
 */

interface GqlResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

interface IntegrationRow {
  id: string;
  status: string;
  cause: string | null;
  untracked_since: Date | null;
  identity_id: string | null;
  credential_version: number | null;
}

interface WindowRow {
  started_at: Date;
  ended_at: Date | null;
  cause: string | null;
}

/** Google refresh tokens die with the same `invalid_grant` for these; we report what Google lets us know. */
const GOOGLE_REPORTED: Partial<Record<string, InvalidationCause>> = { PASSWORD_CHANGED: 'ACCESS_REVOKED' };
/** Causes the provider pushes to us (deauthorize callback, RISC): the status changes without a recheck. */
const PUSHED: Record<Provider, readonly string[]> = {
  FACEBOOK: ['APP_DEAUTHORIZED'],
  GOOGLE: ['APP_DEAUTHORIZED', 'SESSION_INVALIDATED', 'ACCOUNT_DISABLED'],
};

describe('journey: connect, lose the token, see why, reauthorize, window closed', () => {
  let h: ProviderHarness;
  let apiKey: string;
  let tenantId: string;
  let hasRecheckMutation = false;

  const gql = async <T,>(query: string, variables: Record<string, unknown> = {}, token = apiKey): Promise<GqlResult<T>> => {
    const res = await fetch(`${h.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };

  const integration = async (id: string): Promise<IntegrationRow> => {
    const rows: IntegrationRow[] = await h.database.dataSource.query(
      'SELECT id, status, cause, untracked_since, identity_id, credential_version FROM integrations WHERE id = $1',
      [id],
    );
    return rows[0]!;
  };
  const windows = async (id: string): Promise<WindowRow[]> =>
    h.database.dataSource.query('SELECT started_at, ended_at, cause FROM untracked_windows WHERE integration_id = $1 ORDER BY started_at', [id]);
  const snapshot = async () => {
    const rows: Array<Record<string, string>> = await h.database.dataSource.query(
      `SELECT (SELECT count(*) FROM integrations)::text AS i, (SELECT count(*) FROM credentials)::text AS c,
              (SELECT count(*) FROM integration_events)::text AS e, (SELECT count(*) FROM untracked_windows)::text AS w,
              (SELECT string_agg(status || coalesce(cause, ''), ',' ORDER BY id) FROM integrations) AS s`,
    );
    return rows[0];
  };

  const startConnection = async (provider: Provider): Promise<string> => {
    const res = await gql<{ startConnection: { url: string; expiresAt: string } }>(
      'mutation($p: Provider!, $o: String) { startConnection(provider: $p, openerOrigin: $o) { url expiresAt } }',
      { p: provider, o: 'https://host.example' },
    );
    if (!res.data) throw new Error(`startConnection failed: ${JSON.stringify(res.errors)}`);
    return res.data.startConnection.url;
  };
  const startReauthorization = async (integrationId: string): Promise<string> => {
    const res = await gql<{ startReauthorization: { url: string } }>(
      'mutation($id: ID!, $o: String) { startReauthorization(integrationId: $id, openerOrigin: $o) { url } }',
      { id: integrationId, o: 'https://host.example' },
    );
    if (!res.data) throw new Error(`startReauthorization failed: ${JSON.stringify(res.errors)}`);
    return res.data.startReauthorization.url;
  };
  /** Asks the provider now, through the API (GraphQL when the mutation exists). Returns the error code, if any. */
  const recheck = async (integrationId: string): Promise<string | undefined> => {
    if (hasRecheckMutation) {
      const res = await gql<{ recheckIntegration: { status: string } }>('mutation($id: ID!) { recheckIntegration(id: $id) { status } }', { id: integrationId });
      return res.errors?.[0]?.extensions?.code;
    }
    try {
      await h.relink.services.checks.recheck(integrationId, 'test');
      return undefined;
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  const connect = async (provider: Provider, name: string, extra: Record<string, unknown> = {}) => {
    const user = await h.createUser(provider, name, extra);
    await h.addAdAccount(user.userId, `${name} ads`);
    const url = await startConnection(provider);
    const flow = await h.follow(`${url}&login_hint=${encodeURIComponent(user.userId)}`);
    expect(flow.response.status, flow.body).toBe(200);
    const data = donePageData(flow.body);
    expect(data.message).toMatchObject({ source: 'relink', type: 'oauth-complete', ok: true });
    const id = data.message!.integrationIds![0]!;
    expect(['HEALTHY', 'EXPIRING_SOON']).toContain((await integration(id)).status);
    return { user, id };
  };

  /** Reauthorizes through the API and checks that the window closed, and how long it was. */
  const reauthorize = async (id: string, expectRerequest = false) => {
    const url = await startReauthorization(id);
    const before = Date.now();
    const flow = await h.follow(url);
    const after = Date.now();
    expect(flow.response.status, flow.body).toBe(200);
    expect(donePageData(flow.body).message).toMatchObject({ ok: true, integrationIds: expect.arrayContaining([id]) });
    if (expectRerequest) expect(new URL(flow.visited[1]!).searchParams.get('auth_type')).toBe('rerequest');
    const row = await integration(id);
    expect(['HEALTHY', 'EXPIRING_SOON']).toContain(row.status);
    expect(row.cause).toBeNull();
    expect(row.untracked_since).toBeNull();
    const [last] = (await windows(id)).slice(-1);
    expect(last?.ended_at).toBeInstanceOf(Date);
    expect(last!.ended_at!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(last!.ended_at!.getTime()).toBeLessThanOrEqual(after + 5);
    return last!;
  };

  beforeAll(async () => {
    h = await startProviderHarness('api_journey');
    const created = await gql<{ createTenant: { tenant: { id: string }; apiKey: string } }>(
      'mutation($n: String!) { createTenant(name: $n) { tenant { id } apiKey } }',
      { n: 'Journey Co' },
      h.config.adminToken!,
    );
    if (!created.data) throw new Error(`createTenant failed: ${JSON.stringify(created.errors)}`);
    apiKey = created.data.createTenant.apiKey;
    tenantId = created.data.createTenant.tenant.id;
    const schema = await gql<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>('{ __schema { mutationType { fields { name } } } }');
    hasRecheckMutation = Boolean(schema.data?.__schema.mutationType.fields.some((f) => f.name === 'recheckIntegration'));
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const provider of ['FACEBOOK', 'GOOGLE'] as const) {
    it(`${provider}: every sandbox cause is detected with its status, cause and window, and one consent fixes it`, async () => {
      const { [provider]: causes } = await h.control<Record<Provider, string[]>>('/causes');
      expect(causes.length).toBeGreaterThan(5);
      for (const cause of causes) {
        const expected: InvalidationCause = (provider === 'GOOGLE' ? GOOGLE_REPORTED[cause] : undefined) ?? (cause as InvalidationCause);
        const timeBased = provider === 'GOOGLE' && cause === 'TOKEN_EXPIRED';
        const { user, id } = await connect(provider, `${provider} ${cause}`, timeBased ? { timeBasedAccessSeconds: 2 } : {});
        const row = await integration(id);
        // Facts about the grant that Google's bare invalid_grant leaves to us to know.
        if (cause === 'REFRESH_TOKEN_UNUSED') {
          await h.database.dataSource.query("UPDATE credentials SET issued_at = now() - interval '200 days', last_used_at = now() - interval '200 days' WHERE identity_id = $1", [row.identity_id]);
        }
        if (cause === 'TESTING_APP_EXPIRY') {
          await h.database.dataSource.query("UPDATE credentials SET issued_at = now() - interval '7 days', last_used_at = now() - interval '1 day' WHERE identity_id = $1", [row.identity_id]);
        }
        if (cause === 'TOKEN_LIMIT_EXCEEDED') {
          await h.database.dataSource.query(
            `INSERT INTO credentials (tenant_id, identity_id, provider, version, access_token_ciphertext, access_token_key_id, issued_at, revoked_at)
             SELECT $1, $2, 'GOOGLE', 100 + n, '', '', now(), now() FROM generate_series(1, 100) AS n`,
            [tenantId, row.identity_id],
          );
        }
        if (timeBased) await new Promise((resolve) => setTimeout(resolve, 2_500));

        const invalidated = await h.invalidate(user.userId, cause);
        const invalidatedAt = new Date(invalidated.at);
        const pushed = PUSHED[provider].includes(cause);
        if (pushed) {
          // The provider told us: no recheck needed, and the window starts at the provider's own time.
          expect(invalidated.notices[0]).toMatchObject({ status: provider === 'FACEBOOK' ? 200 : 202 });
          const now = await integration(id);
          expect([cause, now.status, now.cause]).toEqual([cause, statusForCause(expected), expected]);
          expect(now.untracked_since!.getTime()).toBeLessThanOrEqual(invalidatedAt.getTime());
          expect(invalidatedAt.getTime() - now.untracked_since!.getTime()).toBeLessThan(1_000);
        }
        const beforeCheck = Date.now();
        const code =
          cause === 'TESTING_APP_EXPIRY'
            ? await new CheckService(h.database, h.relink.services.credentials, h.relink.services.status, h.relink.services.providers, { googleClientInTestingMode: true })
                .recheck(id, 'test')
                .then(() => undefined)
            : await recheck(id);
        const afterCheck = Date.now();
        expect([cause, code]).toEqual([cause, undefined]);
        const broken = await integration(id);
        expect([cause, broken.status, broken.cause]).toEqual([cause, statusForCause(expected), expected]);
        const open = (await windows(id)).filter((w) => w.ended_at === null);
        expect(open).toHaveLength(1);
        expect(open[0]!.cause).toBe(expected);
        const startedAt = open[0]!.started_at.getTime();
        if (!pushed) {
          expect(startedAt).toBeGreaterThanOrEqual(beforeCheck - 5);
          expect(startedAt).toBeLessThanOrEqual(afterCheck + 5);
        }

        const closed = await reauthorize(id, provider === 'FACEBOOK' && cause === 'PERMISSIONS_CHANGED');
        const seconds = (closed.ended_at!.getTime() - closed.started_at.getTime()) / 1000;
        expect(closed.started_at.getTime()).toBe(startedAt);
        expect(seconds).toBeGreaterThanOrEqual(0);
        expect(seconds).toBeLessThan((Date.now() - (pushed ? invalidatedAt.getTime() - 1_000 : beforeCheck)) / 1000 + 0.01);
        // A check right after the consent finds the new token working.
        expect(await recheck(id)).toBeUndefined();
        expect(['HEALTHY', 'EXPIRING_SOON']).toContain((await integration(id)).status);
      }
    }, 120_000);
  }

  it('one consent fixes every integration of that identity in the tenant', async () => {
    const user = await h.createUser('FACEBOOK', 'Multi Account');
    for (const name of ['One', 'Two', 'Three']) await h.addAdAccount(user.userId, name);
    const flow = await h.follow(`${await startConnection('FACEBOOK')}&login_hint=${user.userId}`);
    const ids = donePageData(flow.body).message!.integrationIds!;
    expect(ids).toHaveLength(3);
    await h.invalidate(user.userId, 'SECURITY_CHECKPOINT');
    for (const id of ids) expect(await recheck(id)).toBeUndefined();
    for (const id of ids) expect((await integration(id)).status).toBe('REVOKED');
    await reauthorize(ids[0]!);
    for (const id of ids) {
      expect((await integration(id)).status).toBe('HEALTHY');
      expect((await windows(id)).every((w) => w.ended_at !== null)).toBe(true);
    }
  });

  it('a reauthorization by a user who cannot reach the ad account leaves it broken, and says so', async () => {
    const { user, id } = await connect('FACEBOOK', 'Original Owner');
    await h.invalidate(user.userId, 'PASSWORD_CHANGED');
    await recheck(id);
    const other = await h.createUser('FACEBOOK', 'Someone Else');
    await h.addAdAccount(other.userId, 'Someone Else ads');
    const url = new URL(await startReauthorization(id));
    url.searchParams.set('login_hint', other.userId);
    const flow = await h.follow(url.toString());
    expect(flow.response.status).toBe(409);
    expect(donePageData(flow.body).message).toMatchObject({ ok: false, error: 'account_not_reachable' });
    expect(await integration(id)).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED' });
    const events: Array<{ type: string }> = await h.database.dataSource.query('SELECT type FROM integration_events WHERE integration_id = $1', [id]);
    expect(events.map((e) => e.type)).toContain('reauthorization_unreachable');
  });

  it('transient provider faults never mark a token invalid', async () => {
    for (const provider of ['FACEBOOK', 'GOOGLE'] as const) {
      const { id } = await connect(provider, `${provider} faulty`);
      for (const kind of ['http500', 'rateLimit', 'timeout'] as const) {
        await h.control('/faults', { provider, kind, count: 1 });
        expect([provider, kind, await recheck(id)]).toEqual([provider, kind, 'PROVIDER_UNAVAILABLE']);
        const row = await integration(id);
        expect([provider, kind, row.status, row.cause]).toEqual([provider, kind, 'HEALTHY', null]);
        // The fault is used up: the next check gets a real answer, and the token is fine.
        expect(await recheck(id)).toBeUndefined();
        expect(await integration(id)).toMatchObject({ status: 'HEALTHY', cause: null });
      }
    }
  }, 90_000);

  it('pushed events with a bad signature or token answer 400 and change nothing; repeats change nothing', async () => {
    const fb = await connect('FACEBOOK', 'Signed Person');
    const before = await snapshot();
    const payload = Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), user_id: fb.user.userId })).toString('base64url');
    const forged = await fetch(`${h.base}/webhooks/facebook/deauthorize`, {
      method: 'POST',
      body: new URLSearchParams({ signed_request: `${Buffer.from('not the signature').toString('base64url')}.${payload}` }),
    });
    expect(forged.status).toBe(400);
    const noAlgorithm = Buffer.from(JSON.stringify({ issued_at: 1, user_id: fb.user.userId })).toString('base64url');
    expect((await fetch(`${h.base}/webhooks/facebook/deauthorize`, { method: 'POST', body: new URLSearchParams({ signed_request: `abc.${noAlgorithm}` }) })).status).toBe(400);
    const badJwt = await fetch(`${h.base}/webhooks/google/risc`, {
      method: 'POST',
      headers: { 'content-type': 'application/secevent+jwt' },
      body: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln',
    });
    expect(badJwt.status).toBe(400);
    expect(await snapshot()).toEqual(before);

    // A real RISC event delivered twice: the second delivery changes nothing.
    const g = await connect('GOOGLE', 'Twice Delivered');
    const first = await h.invalidate(g.user.userId, 'SESSION_INVALIDATED');
    const notice = first.notices[0] as { payload: string; status: number };
    expect(notice.status).toBe(202);
    const afterFirst = await snapshot();
    const again = await fetch(`${h.base}/webhooks/google/risc`, { method: 'POST', headers: { 'content-type': 'application/secevent+jwt' }, body: notice.payload });
    expect(again.status).toBe(202);
    expect(await snapshot()).toEqual(afterFirst);
    // The verification event is accepted and changes nothing.
    const verification = await h.control<{ status: number }>(`/users/${g.user.userId}/risc`, { eventType: 'verification', state: 'hello' });
    expect(verification.status).toBe(202);
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('denied consent, a reused or expired ticket, a forged state and a provider error change nothing', async () => {
    const { user, id } = await connect('GOOGLE', 'Careful Person');
    await h.invalidate(user.userId, 'ACCESS_REVOKED');
    expect(await recheck(id)).toBeUndefined();
    const before = await snapshot();
    const json = { accept: 'application/json' };

    // Denied: the person presses Cancel on the consent page.
    const reauthUrl = new URL(await startReauthorization(id));
    reauthUrl.searchParams.delete('login_hint');
    const toConsent = await fetch(reauthUrl, { redirect: 'manual' });
    const consent = new URL(toConsent.headers.get('location')!);
    const form = new URLSearchParams(Object.fromEntries(consent.searchParams));
    form.set('decision', 'cancel');
    const cancelled = await fetch(consent.origin + consent.pathname, { method: 'POST', body: form, redirect: 'manual' });
    const denied = await fetch(cancelled.headers.get('location')!, { headers: json });
    expect(await denied.json()).toMatchObject({ ok: false, error: 'access_denied' });
    // Reused: the same start link again.
    expect(await (await fetch(reauthUrl, { headers: json })).json()).toMatchObject({ ok: false, error: 'ticket_used' });
    // Expired.
    const late = await startReauthorization(id);
    await h.database.dataSource.query("UPDATE oauth_tickets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    expect(await (await fetch(late, { headers: json })).json()).toMatchObject({ ok: false, error: 'ticket_expired' });
    // Forged state on the callback.
    const forged = await fetch(`${h.base}/auth/google/callback?code=4/forged&state=${'x'.repeat(43)}`, { headers: json });
    expect(forged.status).toBe(403);
    // Provider error: the token endpoint fails during the code exchange.
    const url = await startReauthorization(id);
    const step = await fetch(url, { redirect: 'manual' });
    const approved = await fetch(step.headers.get('location')!, { redirect: 'manual' });
    await h.control('/faults', { provider: 'GOOGLE', kind: 'http500', count: 1 });
    const failed = await fetch(approved.headers.get('location')!, { headers: json });
    expect(await failed.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^provider_/) });

    expect(await snapshot()).toEqual(before);
    expect(await integration(id)).toMatchObject({ status: 'REVOKED', cause: 'ACCESS_REVOKED' });
  });

  it('stores no token in plaintext anywhere', async () => {
    const dump = JSON.stringify(
      await h.database.dataSource.query(
        `SELECT (SELECT json_agg(c)::text FROM credentials c) AS credentials, (SELECT json_agg(t)::text FROM oauth_tickets t) AS tickets,
                (SELECT json_agg(e)::text FROM integration_events e) AS events, (SELECT json_agg(s)::text FROM seen_security_events s) AS seen`,
      ),
    );
    expect(dump.length).toBeGreaterThan(1000);
    const tokens = await storedTokens(h.database, h.config.encryptionKeys);
    expect(tokens.some((t) => t.startsWith('EAA'))).toBe(true);
    expect(tokens.some((t) => t.startsWith('ya29.') || t.startsWith('1//'))).toBe(true);
    for (const token of tokens) expect(dump.includes(token)).toBe(false);
  });
});

