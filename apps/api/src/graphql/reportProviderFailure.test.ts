import { AuditLogEntry, Integration, IntegrationEvent } from '@relink/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_REQUEST_CHANNEL } from '../monitor/CheckRequests.js';
import { HOST_REPORTED_FAILURE, MAX_ERROR_BODY_CHARS } from '../services/HostFailureReportService.js';
import { startHarness, type Harness } from '../test-support/graphqlHarness.js';

const ORIGIN = 'https://app.acme.test';
const REPORT = `mutation($id: ID!, $status: Int, $body: String) {
  reportProviderFailure(integrationId: $id, httpStatus: $status, errorBody: $body) { id status cause { code } nextCheckAt events(first: 5) { type status cause actor } }
}`;
/** Facebook's answer to a call with a token killed by a password change (Graph API error-handling guide). */
const PASSWORD_CHANGED_BODY = JSON.stringify({
  error: { message: 'Error validating access token: The session has been invalidated because the user changed their password.', type: 'OAuthException', code: 190, error_subcode: 460, fbtrace_id: 'Fbtrace9Secretish' },
});

describe('reportProviderFailure over HTTP', () => {
  let h: Harness;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  let widgetA: string;
  let apiKeyIdA: string;
  /** NOTIFY payloads on the check-request channel, as the monitor's workers hear them. */
  const notices: Array<{ count: number; reason: string }> = [];
  let unlisten: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    h = await startHarness('api_report_failure');
    a = await h.tenantWithKey('Acme');
    b = await h.tenantWithKey('Beta');
    widgetA = await h.widgetToken(a.apiKey, ORIGIN);
    apiKeyIdA = (await h.gql('{ apiKeys { id } }', { token: a.apiKey })).data!.apiKeys[0].id;
    unlisten = await h.database.listen(CHECK_REQUEST_CHANNEL, (payload) => notices.push(JSON.parse(payload) as { count: number; reason: string }));
  });
  afterAll(async () => {
    await unlisten?.();
    await h?.close();
  });
  beforeEach(() => {
    notices.length = 0;
  });

  const row = (id: string) => h.database.dataSource.getRepository(Integration).findOneByOrFail({ id });
  const reports = (id: string) =>
    h.database.dataSource.getRepository(IntegrationEvent).find({ where: { integrationId: id, type: HOST_REPORTED_FAILURE }, order: { at: 'ASC' } });
  /** Other test files may share the channel on PostgreSQL: only notices naming this integration count. */
  const noticesFor = (id: string) => notices.filter((n) => n.reason.includes(id));
  const waitForNotice = async (id: string) => {
    for (let i = 0; i < 100 && noticesFor(id).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    return noticesFor(id);
  };
  /** Scheduled an hour out, as a healthy integration between checks is. */
  const healthy = async (tenantId: string) => h.seedIntegration(tenantId, { provider: 'FACEBOOK', status: 'HEALTHY' });

  it('a tenant key\'s report records a history row with the hint, audits it, makes the check due and wakes the monitor — without touching the status', async () => {
    const integration = await healthy(a.tenantId);
    expect(integration.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);

    const res = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, status: 400, body: PASSWORD_CHANGED_BODY } });
    expect(res.errors).toBeUndefined();
    const answered = res.data!.reportProviderFailure;
    // Never cry wolf: the host's word is a reason to look, not a verdict.
    expect(answered).toMatchObject({ id: integration.id, status: 'HEALTHY', cause: null });
    expect(new Date(answered.nextCheckAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(answered.events[0]).toEqual({ type: HOST_REPORTED_FAILURE, status: 'HEALTHY', cause: null, actor: `tenant:${apiKeyIdA}` });

    const after = await row(integration.id);
    expect(after).toMatchObject({ status: 'HEALTHY', cause: null, untrackedSince: null, statusVersion: integration.statusVersion });
    expect(after.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const [event, ...more] = await reports(integration.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ tenantId: a.tenantId, status: 'HEALTHY', cause: null, actor: `tenant:${apiKeyIdA}` });
    expect(event!.detail).toEqual({ httpStatus: 400, hint: 'PASSWORD_CHANGED', hintOutcome: 'invalid', errorBodyChars: PASSWORD_CHANGED_BODY.length, checkRequested: true });
    // The body itself is not kept: a host may paste anything into it.
    expect(JSON.stringify(event)).not.toContain('Fbtrace9Secretish');

    expect(await waitForNotice(integration.id)).toEqual([{ count: 1, reason: `${HOST_REPORTED_FAILURE} ${integration.id}` }]);

    const audit = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.report_failure', targetId: integration.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'TENANT', actorId: apiKeyIdA, tenantId: a.tenantId, targetType: 'integration' });
    expect(audit[0]!.detail).toMatchObject({ outcome: 'ok', httpStatus: 400 });
  });

  it('a report right after one that asked for a check is recorded, but asks for nothing more', async () => {
    const integration = await healthy(a.tenantId);
    const first = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, status: 401 } });
    expect(first.errors).toBeUndefined();
    expect(await waitForNotice(integration.id)).toHaveLength(1);
    // As if the monitor had checked it and put it back on its schedule meanwhile.
    const later = new Date(Date.now() + 3_600_000);
    await h.database.dataSource.getRepository(Integration).update({ id: integration.id }, { nextCheckAt: later });

    const second = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, status: 401, body: '<html>401 Unauthorized</html>' } });
    expect(second.errors).toBeUndefined();
    expect((await row(integration.id)).nextCheckAt!.toISOString()).toBe(later.toISOString());
    const events = await reports(integration.id);
    expect(events.map((e) => e.detail)).toEqual([
      { httpStatus: 401, checkRequested: true },
      { httpStatus: 401, errorBodyChars: 29, checkRequested: false, coalesced: true },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesFor(integration.id)).toHaveLength(1);
  });

  it('a widget session is refused (FORBIDDEN) even for its own tenant and records nothing; staff may report for anyone', async () => {
    const integration = await healthy(a.tenantId);
    const before = await row(integration.id);
    const widget = await h.gql(REPORT, { token: widgetA, origin: ORIGIN, variables: { id: integration.id, status: 429, body: JSON.stringify({ error: { code: 4, message: 'Application request limit reached', type: 'OAuthException' } }) } });
    expect(widget.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(widget.errors?.[0]?.message).toBe('This needs a staff token or a tenant API key; a widget token may not do it.');
    expect(widget.data).toBeNull();
    expect(await reports(integration.id)).toEqual([]);
    const after = await row(integration.id);
    expect(after.nextCheckAt!.toISOString()).toBe(before.nextCheckAt!.toISOString());
    expect(after.statusVersion).toBe(before.statusVersion);
    expect(await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.report_failure', targetId: integration.id })).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(noticesFor(integration.id)).toEqual([]);

    const other = await h.seedIntegration(b.tenantId, { provider: 'GOOGLE' });
    const staff = await h.gql(REPORT, { token: h.staffToken, variables: { id: other.id, body: JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }) } });
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.reportProviderFailure.status).toBe('HEALTHY');
    const [staffEvent] = await reports(other.id);
    expect(staffEvent).toMatchObject({ actor: 'staff:bootstrap', detail: { httpStatus: null, hint: 'ACCESS_REVOKED', hintOutcome: 'invalid', checkRequested: true } });
    expect((await row(other.id)).nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses another tenant\'s integration (NOT_FOUND to a tenant key, FORBIDDEN to a widget, no data) and leaves it untouched; no token is UNAUTHENTICATED', async () => {
    const foreign = await healthy(b.tenantId);
    const before = await row(foreign.id);
    for (const [auth, code] of [
      [{ token: a.apiKey }, 'NOT_FOUND'],
      [{ token: widgetA, origin: ORIGIN }, 'FORBIDDEN'],
    ] as const) {
      const res = await h.gql(REPORT, { ...auth, variables: { id: foreign.id, status: 400, body: PASSWORD_CHANGED_BODY } });
      expect(res.errors?.[0]?.extensions.code).toBe(code);
      expect(res.data).toBeNull();
    }
    const anonymous = await h.gql(REPORT, { variables: { id: foreign.id } });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    // A widget from another origin is not the widget.
    const elsewhere = await h.gql(REPORT, { token: widgetA, origin: 'https://evil.test', variables: { id: foreign.id } });
    expect(elsewhere.data ?? null).toBeNull();

    expect((await row(foreign.id)).nextCheckAt!.toISOString()).toBe(before.nextCheckAt!.toISOString());
    expect(await reports(foreign.id)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(noticesFor(foreign.id)).toEqual([]);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and records nothing', async () => {
    const integration = await healthy(a.tenantId);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ status: 99 }, 'httpStatus', /100–599/],
      [{ status: 600 }, 'httpStatus', /100–599/],
      [{ status: -1 }, 'httpStatus', /100–599/],
      [{ body: 'x'.repeat(MAX_ERROR_BODY_CHARS + 1) }, 'errorBody', new RegExp(`at most ${MAX_ERROR_BODY_CHARS}`)],
      [{ body: '{"error":\u0000}' }, 'errorBody', /NUL/],
    ];
    for (const [variables, field, message] of cases) {
      const res = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, ...variables } });
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).toMatch(message);
      expect(res.data).toBeNull();
    }
    // GraphQL's own checks: not an Int, not an ID.
    expect((await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, status: 'four hundred' } })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.gql(REPORT, { token: a.apiKey, variables: { id: 'not-an-id' } })).errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    expect(await reports(integration.id)).toEqual([]);
    expect((await row(integration.id)).nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
    const audit = await h.database.dataSource.getRepository(AuditLogEntry).findBy({ action: 'integration.report_failure', targetId: integration.id });
    expect(audit.map((r) => r.detail['outcome'])).toEqual(cases.map(() => 'failed'));
    // Right at the cap is fine.
    const atCap = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, body: 'x'.repeat(MAX_ERROR_BODY_CHARS) } });
    expect(atCap.errors).toBeUndefined();
  });

  it('a disconnected integration gets a clear error, not a check', async () => {
    const integration = await h.seedIntegration(a.tenantId, { status: 'DISCONNECTED' });
    const res = await h.gql(REPORT, { token: a.apiKey, variables: { id: integration.id, status: 400, body: PASSWORD_CHANGED_BODY } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'integrationId' });
    expect(res.errors?.[0]?.message).toMatch(/is disconnected.*connect the ad account again/);
    expect(await reports(integration.id)).toEqual([]);
    expect((await row(integration.id)).nextCheckAt).toBeNull();
  });
});
