import { AuditLogEntry, Integration, IntegrationEvent, WebhookEndpoint } from '@relink/db';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_REPORTED_FAILURE } from '../services/HostFailureReportService.js';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';

const ORIGIN_A = 'https://app.acme.test';
const ORIGIN_B = 'https://app.beta.test';
const SECRET_NAME = 'Beta confidential account';

/** Ids that belong to tenant B. */
interface Foreign {
  tenantId: string;
  integrationId: string;
  apiKeyId: string;
  widgetSessionId: string;
  endpointId: string;
}

/** Every query and mutation that can name something of another tenant, with B's ids filled in. */
const operations = (b: Foreign): Array<[name: string, document: string]> => [
  ['integrations(filter.tenantId)', `{ integrations(filter: { tenantId: "${b.tenantId}" }) { totalCount edges { node { name } } } }`],
  ['integration(id)', `{ integration(id: "${b.integrationId}") { name } }`],
  ['healthSummary(tenantId)', `{ healthSummary(tenantId: "${b.tenantId}") { total } }`],
  ['blastRadius(tenantId)', `{ blastRadius(tenantId: "${b.tenantId}") { integrationCount } }`],
  ['invalidationsByDay(tenantId)', `{ invalidationsByDay(tenantId: "${b.tenantId}") { count } }`],
  ['untrackedByDay(tenantId)', `{ untrackedByDay(tenantId: "${b.tenantId}") { seconds } }`],
  ['longestBroken(tenantId)', `{ longestBroken(tenantId: "${b.tenantId}") { name } }`],
  ['auditLog(tenantId)', `{ auditLog(tenantId: "${b.tenantId}") { totalCount edges { node { action } } } }`],
  ['tenants', '{ tenants { totalCount edges { node { name } } } }'],
  ['tenant(id)', `{ tenant(id: "${b.tenantId}") { name } }`],
  ['apiKeys(tenantId)', `{ apiKeys(tenantId: "${b.tenantId}") { prefix } }`],
  ['widgetSessions(tenantId)', `{ widgetSessions(tenantId: "${b.tenantId}") { allowedOrigin } }`],
  ['webhookEndpoints(tenantId)', `{ webhookEndpoints(tenantId: "${b.tenantId}") { url } }`],
  ['webhookDeliveries(endpointId)', `{ webhookDeliveries(endpointId: "${b.endpointId}") { webhookId } }`],
  ['staffMembers', '{ staffMembers { name } }'],
  ['createTenant', 'mutation { createTenant(name: "Intruder") { apiKey } }'],
  ['createApiKey(tenantId)', `mutation { createApiKey(tenantId: "${b.tenantId}") { apiKey } }`],
  ['revokeApiKey(id)', `mutation { revokeApiKey(id: "${b.apiKeyId}") { revokedAt } }`],
  ['revokeWidgetSession(id)', `mutation { revokeWidgetSession(id: "${b.widgetSessionId}") { revokedAt } }`],
  ['startConnection(tenantId)', `mutation { startConnection(provider: FACEBOOK, tenantId: "${b.tenantId}") { url } }`],
  ['startReauthorization(integrationId)', `mutation { startReauthorization(integrationId: "${b.integrationId}") { url } }`],
  ['recheckIntegration(id)', `mutation { recheckIntegration(id: "${b.integrationId}") { status } }`],
  ['disconnectIntegration(id)', `mutation { disconnectIntegration(id: "${b.integrationId}") { status } }`],
  ['reportProviderFailure(integrationId)', `mutation { reportProviderFailure(integrationId: "${b.integrationId}", httpStatus: 401) { status } }`],
  ['disableWebhook(id)', `mutation { disableWebhook(id: "${b.endpointId}") { disabledAt } }`],
  ['createStaffToken', 'mutation { createStaffToken(name: "Intruder") { token } }'],
];

describe('tenant isolation matrix', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  let foreign: Foreign;
  let widgetA: string;
  let widgetB: string;
  let ownIntegrationId: string;

  beforeAll(async () => {
    h = await startHarness('api_isolation');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
    ownIntegrationId = (await h.seedIntegration(a.tenantId, { name: 'Acme account', status: 'REVOKED', untrackedSince: new Date(Date.now() - 3_600_000) })).id;
    const identity = await h.seedIdentity('FACEBOOK', 'Beta person');
    const integrationB = await h.seedIntegration(b.tenantId, { name: SECRET_NAME, identityId: identity.id, status: 'REVOKED', untrackedSince: new Date(Date.now() - 7_200_000) });
    widgetA = await h.widgetToken(a.apiKey, ORIGIN_A);
    widgetB = await h.widgetToken(b.apiKey, ORIGIN_B);
    const keys = await h.gql('{ apiKeys { id } }', { token: b.apiKey });
    const hook = await h.gql('mutation { registerWebhook(url: "https://hooks.beta.test/in") { id } }', { token: b.apiKey });
    foreign = {
      tenantId: b.tenantId,
      integrationId: integrationB.id,
      apiKeyId: keys.data!.apiKeys[0].id,
      widgetSessionId: decodeJwt(widgetB).jti!,
      endpointId: hook.data!.registerWebhook.id,
    };
  });
  afterAll(async () => h?.close());

  const kinds = () =>
    [
      ['tenant key', { token: a.apiKey }],
      ['widget session', { token: widgetA, origin: ORIGIN_A }],
    ] as const;

  it('refuses every operation on another tenant under a tenant key and a widget session (no data, FORBIDDEN or NOT_FOUND)', async () => {
    const failures: string[] = [];
    for (const [kind, auth] of kinds()) {
      for (const [name, document] of operations(foreign)) {
        const res = await h.gql(document, auth);
        const code = res.errors?.[0]?.extensions.code;
        const leaked = JSON.stringify(res.data ?? null).match(/Beta|hooks\.beta|rlk_live_|whsec_/);
        const emptyAnswer = name === 'integration(id)' && res.data?.integration === null && !res.errors;
        if (leaked) failures.push(`${kind} ${name}: leaked ${leaked[0]}`);
        else if (!emptyAnswer && !(code === 'FORBIDDEN' || code === 'NOT_FOUND')) failures.push(`${kind} ${name}: ${code ?? 'no error'} ${JSON.stringify(res.data)}`);
        else if (!emptyAnswer && res.data && Object.values(res.data).some((v) => v !== null)) failures.push(`${kind} ${name}: data ${JSON.stringify(res.data)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every one of them without a token (UNAUTHENTICATED)', async () => {
    for (const [name, document] of operations(foreign)) {
      const res = await h.gql(document);
      expect(res.errors?.[0]?.extensions.code, name).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res.data ?? null), name).not.toMatch(/Beta/);
    }
  });

  it('left tenant B exactly as it was', async () => {
    expect((await h.gql('{ viewer { kind } }', { token: b.apiKey })).data?.viewer.kind).toBe('TENANT');
    expect((await h.gql('{ viewer { kind } }', { token: widgetB, origin: ORIGIN_B })).data?.viewer.kind).toBe('WIDGET');
    expect((await h.database.dataSource.getRepository(WebhookEndpoint).findOneByOrFail({ id: foreign.endpointId })).disabledAt).toBeNull();
    expect((await h.database.dataSource.getRepository(Integration).findOneByOrFail({ id: foreign.integrationId })).status).toBe('REVOKED');
    expect(await h.database.dataSource.getRepository(IntegrationEvent).findBy({ integrationId: foreign.integrationId, type: HOST_REPORTED_FAILURE })).toEqual([]);
    const audit = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ tenantId: b.tenantId });
    expect(audit.filter((r) => r.actorKind !== 'STAFF' && r.actorId !== foreign.apiKeyId).map((r) => `${r.action} by ${r.actorKind}`)).toEqual([]);
  });

  it('scoped lists without a tenant argument show only the caller\'s tenant', async () => {
    for (const [kind, auth] of kinds()) {
      const res = await h.gql('{ integrations { totalCount edges { node { name tenantId } } } healthSummary { total } }', auth);
      expect(res.errors, kind).toBeUndefined();
      expect(res.data!.integrations.edges.map((e: { node: { name: string } }) => e.node.name), kind).toEqual(['Acme account']);
      expect(res.data!.healthSummary.total, kind).toBe(1);
    }
    const ranking = await h.gql('{ tenantUntrackedRanking { tenantId } longestBroken { name } blastRadius { tenantCount } }', { token: a.apiKey });
    expect(JSON.stringify(ranking.data)).not.toContain(b.tenantId);
    expect(JSON.stringify(ranking.data)).not.toContain(SECRET_NAME);
  });

  it('a widget may do nothing beyond reading and starting a reauthorization', async () => {
    const allowed = await h.gql('{ viewer { kind } invalidationCauses { code } healthSummary { total } integrations { totalCount } }', { token: widgetA, origin: ORIGIN_A });
    expect(allowed.errors).toBeUndefined();
    for (const document of [
      '{ longestBroken { name } }',
      '{ blastRadius { tenantCount } }',
      '{ auditLog { totalCount } }',
      '{ webhookEndpoints { url } }',
      '{ tenantUntrackedRanking { tenantId } }',
      '{ invalidationsByDay { count } }',
      'mutation { registerWebhook(url: "https://x.test/") { id } }',
      'mutation { startConnection(provider: GOOGLE) { url } }',
      `mutation { reportProviderFailure(integrationId: "${ownIntegrationId}", httpStatus: 401) { status } }`,
    ]) {
      const res = await h.gql(document, { token: widgetA, origin: ORIGIN_A });
      expect(res.errors?.[0]?.extensions.code, document).toBe('FORBIDDEN');
    }
  });
});

describe('recheckIntegration / disconnectIntegration', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };

  beforeAll(async () => {
    h = await startHarness('api_actions');
    a = await h.tenantWithKey('Acme');
  });
  afterAll(async () => h?.close());

  it('disconnect returns the fresh integration, records history and an audit row', async () => {
    const row = await h.seedIntegration(a.tenantId, { name: 'To drop' });
    const res = await h.gql(`mutation { disconnectIntegration(id: "${row.id}") { id status needsReauthorization disconnectedAt events(first: 1) { type status actor } } }`, { token: a.apiKey });
    expect(res.errors).toBeUndefined();
    expect(res.data!.disconnectIntegration).toMatchObject({ id: row.id, status: 'DISCONNECTED', needsReauthorization: false });
    expect(res.data!.disconnectIntegration.disconnectedAt).toBeTruthy();
    expect(res.data!.disconnectIntegration.events[0]).toMatchObject({ type: 'disconnected', status: 'DISCONNECTED' });
    expect(res.data!.disconnectIntegration.events[0].actor).toMatch(/^tenant:/);
    const audit = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.disconnect', targetId: row.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ outcome: 'ok' });
  });

  it('recheck passes the service\'s error through and audits the failed attempt', async () => {
    const row = await h.seedIntegration(a.tenantId, { name: 'Gone', status: 'DISCONNECTED' });
    const res = await h.gql(`mutation { recheckIntegration(id: "${row.id}") { status } }`, { token: h.staffToken });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/disconnected/);
    const audit = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.recheck', targetId: row.id });
    expect(audit[0]).toMatchObject({ actorKind: 'STAFF', tenantId: a.tenantId });
    expect(audit[0]!.detail).toMatchObject({ outcome: 'failed', code: 'BAD_USER_INPUT' });
  });

  it('a widget may neither recheck nor disconnect', async () => {
    const row = await h.seedIntegration(a.tenantId);
    const widget = await h.widgetToken(a.apiKey, ORIGIN_A);
    for (const m of ['recheckIntegration', 'disconnectIntegration']) {
      const res = await h.gql(`mutation { ${m}(id: "${row.id}") { status } }`, { token: widget, origin: ORIGIN_A });
      expect(res.errors?.[0]?.extensions.code, m).toBe('FORBIDDEN');
    }
  });
});
