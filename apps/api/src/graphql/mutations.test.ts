import { AuditLogEntry, OAuthTicket, TokenCipher, WebhookDelivery, WebhookEndpoint } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';

const ORIGIN = 'https://app.acme.test';

describe('mutations over HTTP', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  let widgetA: string;
  let integrationA: string;
  let integrationB: string;

  beforeAll(async () => {
    h = await startHarness('api_mutations');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
    widgetA = await h.widgetToken(a.apiKey, ORIGIN);
    integrationA = (await h.seedIntegration(a.tenantId, { provider: 'FACEBOOK', status: 'REVOKED', cause: 'PASSWORD_CHANGED' })).id;
    integrationB = (await h.seedIntegration(b.tenantId, { provider: 'GOOGLE' })).id;
  });
  afterAll(async () => h?.close());

  describe('registerWebhook', () => {
    const register = 'mutation($url: String!) { registerWebhook(url: $url) { id url secret } }';

    it('returns a whsec_ secret once, stores it encrypted, and never shows it again', async () => {
      const res = await h.gql(register, { token: a.apiKey, variables: { url: 'https://hooks.acme.test/relink' } });
      expect(res.errors).toBeUndefined();
      const { id, secret, url } = res.data!.registerWebhook;
      expect(url).toBe('https://hooks.acme.test/relink');
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
      const row = await h.database.dataSource.getRepository(WebhookEndpoint).findOneByOrFail({ id });
      expect(JSON.stringify(row)).not.toContain(secret.slice(6));
      expect(TokenCipher.fromSpec(h.config.encryptionKeys).decrypt({ keyId: row.secretKeyId, ciphertext: row.secretCiphertext })).toBe(secret);
      const later = await h.gql('{ webhookEndpoints { id url secret } }', { token: a.apiKey });
      expect(later.data!.webhookEndpoints).toEqual([{ id, url, secret: null }]);
      const staff = await h.gql(`{ webhookEndpoints(tenantId: "${a.tenantId}") { secret } }`, { token: h.staffToken });
      expect(staff.data!.webhookEndpoints).toEqual([{ secret: null }]);
    });

    it('accepts https anywhere and plain http only on localhost', async () => {
      const code = async (url: string) => (await h.gql(register, { token: b.apiKey, variables: { url } })).errors?.[0]?.extensions.code;
      expect(await code('http://hooks.beta.test/x')).toBe('BAD_USER_INPUT');
      expect(await code('ftp://hooks.beta.test/x')).toBe('BAD_USER_INPUT');
      expect(await code('not a url')).toBe('BAD_USER_INPUT');
      expect(await code('https://user:pw@hooks.beta.test/x')).toBe('BAD_USER_INPUT');
      expect(await code('http://localhost:3000/hook')).toBeUndefined();
      expect(await code('http://127.0.0.1:3000/hook')).toBeUndefined();
    });

    it('is for tenant keys only', async () => {
      const staff = await h.gql(register, { token: h.staffToken, variables: { url: 'https://x.test/' } });
      expect(staff.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const widget = await h.gql(register, { token: widgetA, origin: ORIGIN, variables: { url: 'https://x.test/' } });
      expect(widget.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('lists deliveries of your own endpoint only', async () => {
      const endpoints = await h.gql('{ webhookEndpoints { id } }', { token: a.apiKey });
      const endpointId = endpoints.data!.webhookEndpoints[0].id;
      await h.relink.services.status.apply(integrationA, { type: 'TOKEN_ISSUED', at: new Date(), credentialVersion: 1 }, { actor: 'test', eventType: 'reauthorized' });
      const q = `{ webhookDeliveries(endpointId: "${endpointId}", first: 5) { webhookId eventType status payload } }`;
      const mine = await h.gql(q, { token: a.apiKey });
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.webhookDeliveries).toHaveLength(await h.database.dataSource.getRepository(WebhookDelivery).countBy({ endpointId }));
      expect(mine.data!.webhookDeliveries[0]).toMatchObject({ eventType: 'integration.status_changed' });
      const foreign = await h.gql(q, { token: b.apiKey });
      expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(foreign.data).toBeNull();
    });
  });

  describe('startConnection / startReauthorization', () => {
    const connect = 'mutation($p: Provider!, $r: String, $t: ID) { startConnection(provider: $p, returnTo: $r, tenantId: $t) { url expiresAt } }';
    const reauth = 'mutation($id: ID!, $r: String) { startReauthorization(integrationId: $id, returnTo: $r) { url expiresAt } }';

    it('a tenant key gets a one-time consent link on this server', async () => {
      const res = await h.gql(connect, { token: a.apiKey, variables: { p: 'GOOGLE', r: 'https://app.acme.test/settings' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.startConnection.url).toMatch(new RegExp(`^${h.config.publicUrl}/auth/google/start\\?ticket=`));
      expect(new Date(res.data!.startConnection.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const bad = await h.gql(connect, { token: a.apiKey, variables: { p: 'GOOGLE', r: 'javascript:alert(1)' } });
      expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('staff must name the tenant; widgets may not connect new accounts', async () => {
      expect((await h.gql(connect, { token: h.staffToken, variables: { p: 'GOOGLE' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const staff = await h.gql(connect, { token: h.staffToken, variables: { p: 'FACEBOOK', t: b.tenantId } });
      expect(staff.data!.startConnection.url).toContain('/auth/facebook/start?ticket=');
      const widget = await h.gql(connect, { token: widgetA, origin: ORIGIN, variables: { p: 'GOOGLE' } });
      expect(widget.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('a widget may refresh its tenant\'s integration, returning only to its own origin', async () => {
      const ok = await h.gql(reauth, { token: widgetA, origin: ORIGIN, variables: { id: integrationA, r: `${ORIGIN}/ads?done=1` } });
      expect(ok.errors).toBeUndefined();
      const ticketToken = new URL(ok.data!.startReauthorization.url).searchParams.get('ticket')!;
      expect(ticketToken).toBeTruthy();
      const tickets = await h.database.dataSource.getRepository(OAuthTicket).findBy({ integrationId: integrationA });
      expect(tickets.at(-1)).toMatchObject({ openerOrigin: ORIGIN, kind: 'reauthorize', tenantId: a.tenantId });
      expect(tickets.at(-1)!.actor).toMatch(/^widget:/);
      const elsewhere = await h.gql(reauth, { token: widgetA, origin: ORIGIN, variables: { id: integrationA, r: 'https://evil.test/' } });
      expect(elsewhere.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const foreign = await h.gql(reauth, { token: widgetA, origin: ORIGIN, variables: { id: integrationB } });
      expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(foreign.data).toBeNull();
    });

    it('staff reauthorizing on a tenant\'s behalf is audited with who and what', async () => {
      const res = await h.gql(reauth, { token: h.staffToken, variables: { id: integrationB } });
      expect(res.errors).toBeUndefined();
      const rows = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.reauthorize.start', targetId: integrationB });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorKind: 'STAFF', actorId: 'bootstrap', tenantId: b.tenantId, targetType: 'integration' });
      expect(rows[0]!.detail).toMatchObject({ outcome: 'ok', provider: 'GOOGLE' });
      expect(JSON.stringify(rows[0])).not.toContain(new URL(res.data!.startReauthorization.url).searchParams.get('ticket')!);
    });
  });
});
