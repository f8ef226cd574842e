import { ApiKey, AuditLogEntry, WidgetSession } from '@relink/db';
import { SignJWT, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';
import { sha256Hex } from './secrets.js';

const ORIGIN = 'https://shop.example.com';

describe('authentication over HTTP', () => {
  let h: Harness;
  let tenant: { tenantId: string; apiKey: string };

  beforeAll(async () => {
    h = await startHarness('api_auth');
    tenant = await h.tenantWithKey('Acme');
  });
  afterAll(async () => h?.close());

  const viewer = '{ viewer { kind name allowedOrigin expiresAt tenant { id name } } }';

  describe('no token', () => {
    it('may ask viewer and invalidationCauses only', async () => {
      expect((await h.gql(viewer)).data?.viewer.kind).toBe('ANONYMOUS');
      const res = await h.gql('mutation { createTenant(name: "x") { apiKey } }');
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    });

    it('refuses a malformed Authorization header', async () => {
      const res = await fetch(`${h.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
        body: JSON.stringify({ query: viewer }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('tenant API keys', () => {
    it('createTenant returns a rlk_live_ key once and stores only its sha256 and prefix', async () => {
      expect(tenant.apiKey).toMatch(/^rlk_live_[A-Za-z0-9_-]{43}$/);
      const rows = await h.database.dataSource.getRepository(ApiKey).findBy({ tenantId: tenant.tenantId });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.keyHash).toBe(sha256Hex(tenant.apiKey));
      expect(tenant.apiKey.startsWith(rows[0]!.prefix)).toBe(true);
      expect(rows[0]!.prefix.length).toBeLessThan(16);
      const dump = JSON.stringify(await h.database.dataSource.query('SELECT * FROM api_keys'));
      expect(dump).not.toContain(tenant.apiKey);
      const listed = await h.gql('{ apiKeys { id prefix name lastUsedAt revokedAt } }', { token: tenant.apiKey });
      expect(JSON.stringify(listed.data)).not.toContain(tenant.apiKey);
    });

    it('authenticates as its tenant', async () => {
      const res = await h.gql(viewer, { token: tenant.apiKey });
      expect(res.data?.viewer).toMatchObject({ kind: 'TENANT', tenant: { id: tenant.tenantId, name: 'Acme' } });
    });

    it('records lastUsedAt at most once a minute', async () => {
      const repo = h.database.dataSource.getRepository(ApiKey);
      const key = await h.gql<{ createApiKey: { apiKey: string; key: { id: string } } }>('mutation { createApiKey(name: "ci") { apiKey key { id lastUsedAt } } }', {
        token: tenant.apiKey,
      });
      const { apiKey, key: record } = key.data!.createApiKey;
      expect((await repo.findOneByOrFail({ id: record.id })).lastUsedAt).toBeNull();
      await h.gql(viewer, { token: apiKey });
      const first = (await repo.findOneByOrFail({ id: record.id })).lastUsedAt;
      expect(first).toBeInstanceOf(Date);
      await h.gql(viewer, { token: apiKey });
      expect((await repo.findOneByOrFail({ id: record.id })).lastUsedAt?.getTime()).toBe(first!.getTime());
      await h.database.dataSource.query(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [record.id]);
      await h.gql(viewer, { token: apiKey });
      const third = (await repo.findOneByOrFail({ id: record.id })).lastUsedAt!;
      expect(Date.now() - third.getTime()).toBeLessThan(30_000);
    });

    it('stops working the moment it is revoked', async () => {
      const created = await h.gql<{ createApiKey: { apiKey: string; key: { id: string } } }>('mutation { createApiKey { apiKey key { id } } }', { token: tenant.apiKey });
      const { apiKey, key } = created.data!.createApiKey;
      expect((await h.gql(viewer, { token: apiKey })).data?.viewer.kind).toBe('TENANT');
      const revoked = await h.gql(`mutation { revokeApiKey(id: "${key.id}") { revokedAt } }`, { token: tenant.apiKey });
      expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
      const res = await h.gql(viewer, { token: apiKey });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a well-formed but unknown key', async () => {
      const res = await h.gql(viewer, { token: `rlk_live_${'A'.repeat(43)}` });
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('may not do staff work', async () => {
      const res = await h.gql('mutation { createTenant(name: "Evil") { apiKey } }', { token: tenant.apiKey });
      expect(res.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
      const staff = await h.gql('mutation { createStaffToken(name: "me") { token } }', { token: tenant.apiKey });
      expect(staff.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('may not revoke or list another tenant\'s keys', async () => {
      const other = await h.tenantWithKey('Other');
      const otherKeys = await h.gql<{ apiKeys: Array<{ id: string }> }>('{ apiKeys { id } }', { token: other.apiKey });
      const otherKeyId = otherKeys.data!.apiKeys[0]!.id;
      const revoke = await h.gql(`mutation { revokeApiKey(id: "${otherKeyId}") { id } }`, { token: tenant.apiKey });
      expect(revoke.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const list = await h.gql(`{ apiKeys(tenantId: "${other.tenantId}") { id } }`, { token: tenant.apiKey });
      expect(list.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect((await h.gql(viewer, { token: other.apiKey })).data?.viewer.kind).toBe('TENANT');
    });
  });

  describe('staff tokens', () => {
    it('the bootstrap token is staff', async () => {
      expect((await h.gql(viewer, { token: h.staffToken })).data?.viewer).toMatchObject({ kind: 'STAFF', name: 'Bootstrap admin' });
    });

    it('createStaffToken makes a working token stored as a hash; disabling it stops it', async () => {
      const res = await h.gql<{ createStaffToken: { token: string; staff: { id: string; name: string } } }>(
        'mutation { createStaffToken(name: "Sam Support", email: "sam@relink.test") { token staff { id name email } } }',
        { token: h.staffToken },
      );
      const { token, staff } = res.data!.createStaffToken;
      expect(token).toMatch(/^rls_/);
      expect((await h.gql(viewer, { token })).data?.viewer).toMatchObject({ kind: 'STAFF', name: 'Sam Support' });
      const stored = JSON.stringify(await h.database.dataSource.query('SELECT * FROM staff_users'));
      expect(stored).not.toContain(token);
      expect(stored).toContain(sha256Hex(token));
      const duplicate = await h.gql('mutation { createStaffToken(name: "Sam 2", email: "SAM@relink.test") { token } }', { token: h.staffToken });
      expect(duplicate.errors?.[0]?.extensions.code).toBe('CONFLICT');
      await h.gql(`mutation { disableStaffToken(id: "${staff.id}") { disabledAt } }`, { token });
      expect((await h.gql(viewer, { token })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('every staff mutation leaves an audit row naming who and what', async () => {
      const res = await h.gql<{ createTenant: { tenant: { id: string }; apiKey: string } }>('mutation { createTenant(name: "Audited") { tenant { id } apiKey } }', { token: h.staffToken });
      const tenantId = res.data!.createTenant.tenant.id;
      const rows = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ tenantId });
      expect(rows.map((r) => r.action).sort()).toEqual(['api_key.create', 'tenant.create']);
      expect(rows[0]).toMatchObject({ actorKind: 'STAFF', actorId: 'bootstrap', actorName: 'Bootstrap admin' });
      const log = await h.gql(`{ auditLog(first: 5, tenantId: "${tenantId}") { totalCount edges { node { action actorKind at detail } } } }`, { token: h.staffToken });
      expect(log.data?.auditLog.totalCount).toBe(2);
      expect(JSON.stringify(log.data)).not.toContain(res.data!.createTenant.apiKey);
      expect(JSON.stringify(await h.database.dataSource.query('SELECT * FROM audit_log'))).not.toContain(res.data!.createTenant.apiKey);
    });
  });

  describe('staff listings', () => {
    it('tenants: oldest first, searchable, paged with a cursor', async () => {
      for (const name of ['Paging One', 'Paging Two', 'Paging Three']) await h.tenantWithKey(name);
      const q = 'query($after: String, $s: String) { tenants(first: 2, after: $after, search: $s) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }';
      const first = await h.gql(q, { token: h.staffToken, variables: { s: 'PAGING' } });
      expect(first.data!.tenants.totalCount).toBe(3);
      expect(first.data!.tenants.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Paging One', 'Paging Two']);
      expect(first.data!.tenants.pageInfo.hasNextPage).toBe(true);
      const second = await h.gql(q, { token: h.staffToken, variables: { s: 'paging', after: first.data!.tenants.pageInfo.endCursor } });
      expect(second.data!.tenants.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Paging Three']);
      expect(second.data!.tenants.pageInfo.hasNextPage).toBe(false);
      expect((await h.gql(q, { token: h.staffToken, variables: { s: '%' } })).data!.tenants.totalCount).toBe(0);
    });

    it('auditLog pages newest first', async () => {
      const q = 'query($after: String) { auditLog(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at } } } }';
      const one = await h.gql(q, { token: h.staffToken });
      const two = await h.gql(q, { token: h.staffToken, variables: { after: one.data!.auditLog.pageInfo.endCursor } });
      const ids = [...one.data!.auditLog.edges, ...two.data!.auditLog.edges].map((e: { node: { id: string } }) => e.node.id);
      expect(new Set(ids).size).toBe(6);
      const times = [...one.data!.auditLog.edges, ...two.data!.auditLog.edges].map((e: { node: { at: string } }) => e.node.at);
      expect([...times].sort().reverse()).toEqual(times);
    });
  });

  describe('widget sessions', () => {
    it('are minted by a tenant key for an origin, 60..86400 s', async () => {
      const bad = async (vars: Record<string, unknown>) =>
        (await h.gql('mutation($o: String!, $t: Int) { createWidgetSession(allowedOrigin: $o, ttlSeconds: $t) { token } }', { token: tenant.apiKey, variables: vars })).errors?.[0]?.extensions.code;
      expect(await bad({ o: ORIGIN, t: 59 })).toBe('BAD_USER_INPUT');
      expect(await bad({ o: ORIGIN, t: 86_401 })).toBe('BAD_USER_INPUT');
      expect(await bad({ o: 'https://shop.example.com/checkout', t: 900 })).toBe('BAD_USER_INPUT');
      expect(await bad({ o: 'ftp://shop.example.com', t: 900 })).toBe('BAD_USER_INPUT');
      expect(await bad({ o: 'not a url', t: 900 })).toBe('BAD_USER_INPUT');
      const staff = await h.gql(`mutation { createWidgetSession(allowedOrigin: "${ORIGIN}") { token } }`, { token: h.staffToken });
      expect(staff.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const ok = await h.gql<{ createWidgetSession: { token: string; expiresAt: string; allowedOrigin: string } }>(
        'mutation { createWidgetSession(allowedOrigin: "https://Shop.Example.com/") { token expiresAt allowedOrigin } }',
        { token: tenant.apiKey },
      );
      expect(ok.data?.createWidgetSession.allowedOrigin).toBe(ORIGIN);
      const ttl = new Date(ok.data!.createWidgetSession.expiresAt).getTime() - Date.now();
      expect(ttl).toBeGreaterThan(890_000);
      expect(ttl).toBeLessThanOrEqual(900_000);
      const claims = decodeJwt(ok.data!.createWidgetSession.token);
      expect(claims).toMatchObject({ sub: tenant.tenantId, origin: ORIGIN });
      const row = await h.database.dataSource.getRepository(WidgetSession).findOneByOrFail({ id: claims.jti! });
      expect(row.tokenHash).toBe(sha256Hex(ok.data!.createWidgetSession.token));
    });

    it('work only from their allowed origin', async () => {
      const token = await h.widgetToken(tenant.apiKey, ORIGIN);
      const ok = await h.gql(viewer, { token, origin: ORIGIN });
      expect(ok.data?.viewer).toMatchObject({ kind: 'WIDGET', allowedOrigin: ORIGIN, tenant: { id: tenant.tenantId } });
      const wrong = await h.gql(viewer, { token, origin: 'https://evil.example.com' });
      expect(wrong.status).toBe(403);
      expect(wrong.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(wrong.data ?? null).toBeNull();
      const none = await h.gql(viewer, { token });
      expect(none.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const http = await h.gql(viewer, { token, origin: 'http://shop.example.com' });
      expect(http.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('stop working once expired or revoked', async () => {
      const expiring = await h.widgetToken(tenant.apiKey, ORIGIN, 60);
      const jti = decodeJwt(expiring).jti!;
      await h.database.dataSource.query(`UPDATE widget_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [jti]);
      const expired = await h.gql(viewer, { token: expiring, origin: ORIGIN });
      expect(expired.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(expired.errors?.[0]?.message).toMatch(/expired/);

      const revoking = await h.widgetToken(tenant.apiKey, ORIGIN);
      await h.gql(`mutation { revokeWidgetSession(id: "${decodeJwt(revoking).jti}") { revokedAt } }`, { token: tenant.apiKey });
      const revoked = await h.gql(viewer, { token: revoking, origin: ORIGIN });
      expect(revoked.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(revoked.errors?.[0]?.message).toMatch(/revoked/);
    });

    it('refuse a JWT whose own exp has passed, or one signed with another key', async () => {
      const claims = decodeJwt(await h.widgetToken(tenant.apiKey, ORIGIN));
      const forged = await new SignJWT({ origin: ORIGIN })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('relink')
        .setAudience('relink-widget')
        .setSubject(tenant.tenantId)
        .setJti(claims.jti!)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode('a'.repeat(32)));
      expect((await h.gql(viewer, { token: forged, origin: ORIGIN })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      const tampered = (await h.widgetToken(tenant.apiKey, ORIGIN)).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      expect((await h.gql(viewer, { token: tampered, origin: ORIGIN })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('may not mint sessions, keys or tenants', async () => {
      const token = await h.widgetToken(tenant.apiKey, ORIGIN);
      for (const mutation of [
        `mutation { createWidgetSession(allowedOrigin: "${ORIGIN}") { token } }`,
        'mutation { createApiKey { apiKey } }',
        'mutation { createTenant(name: "x") { apiKey } }',
        '{ apiKeys { id } }',
        '{ auditLog { totalCount } }',
      ]) {
        const res = await h.gql(mutation, { token, origin: ORIGIN });
        expect(res.errors?.[0]?.extensions.code, mutation).toBe('FORBIDDEN');
        expect(res.data, mutation).toBeNull();
      }
    });
  });

  describe('CORS for browser widgets', () => {
    it('answers a preflight from any origin that asks for Authorization, without credentials', async () => {
      const res = await fetch(`${h.base}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('marks the actual response readable cross-origin', async () => {
      const token = await h.widgetToken(tenant.apiKey, ORIGIN);
      const res = await h.gql(viewer, { token, origin: ORIGIN });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    });
  });
});
