import { Integration, IntegrationEvent } from '@relink/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { HOST_REPORTED_FAILURE } from '../services/HostFailureReportService.js';
import { donePageData, startProviderHarness, type ProviderHarness } from '../test-support/providerHarness.js';
import { bossSchemaFor } from './createBoss.js';
import { Monitor } from './Monitor.js';
import { waitUntil } from './test-support/waitUntil.js';

/**
 * A host app's Graph call fails because the person changed their Facebook password (Facebook pushes
 * nothing for that): the host reports it, and the running monitor finds the token REVOKED within
 * seconds — while a report about a token that is in fact fine changes nothing.
 */
describe('a host-reported failure with a running monitor and the sandbox', () => {
  let h: ProviderHarness;
  let monitor: Monitor;
  let apiKey: string;

  const gql = async (query: string, variables: Record<string, unknown>, token = apiKey) => {
    const res = await fetch(`${h.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: { code: string } }> };
  };
  const row = (id: string) => h.database.dataSource.getRepository(Integration).findOneByOrFail({ id });

  /** Connects a sandbox Facebook user's ad account through the real OAuth flow. */
  const connect = async (name: string) => {
    const user = await h.createUser('FACEBOOK', name);
    await h.addAdAccount(user.userId, `${name} ads`);
    const start = await gql('mutation { startConnection(provider: FACEBOOK, openerOrigin: "https://host.example") { url } }', {});
    const flow = await h.follow(`${start.data.startConnection.url}&login_hint=${encodeURIComponent(user.userId)}`);
    expect(flow.response.status, flow.body).toBe(200);
    const id = donePageData(flow.body).message!.integrationIds![0]!;
    return { userId: user.userId, id };
  };

  /** The host app's own Graph API call with the integration's token: the provider's real answer. */
  const hostCall = async (integrationId: string) => {
    const { credentialId } = await row(integrationId);
    const credential = await h.relink.services.credentials.load(credentialId!);
    const url = new URL(`${h.relink.services.providers.endpoints.facebook.graphApiBaseURL}/me`);
    url.searchParams.set('access_token', credential!.accessToken!);
    const res = await fetch(url);
    return { status: res.status, body: await res.text() };
  };

  const REPORT = 'mutation($id: ID!, $s: Int, $b: String) { reportProviderFailure(integrationId: $id, httpStatus: $s, errorBody: $b) { status } }';

  beforeAll(async () => {
    h = await startProviderHarness('api_host_report_e2e');
    const created = await gql('mutation($n: String!) { createTenant(name: $n) { apiKey } }', { n: 'Host Co' }, h.config.adminToken!);
    apiKey = created.data.createTenant.apiKey;
    // A sweep only every minute: what happens within seconds is the report's doing (its NOTIFY wakes the sweep).
    monitor = await Monitor.start(h.relink.services, createLogger('test'), {
      checker: h.relink.services.checks,
      sweepIntervalMs: 60_000,
      pollingIntervalSeconds: 0.5,
      checkConcurrency: 2,
    });
  });
  afterAll(async () => {
    await monitor?.stop();
    if (h) await h.database.executeSql(`DROP SCHEMA IF EXISTS "${bossSchemaFor(h.database)}" CASCADE`);
    await h?.close();
  });

  it('a token killed at the provider and reported by the host is found REVOKED within seconds', async () => {
    const { userId, id } = await connect('Password Pia');
    // Connected and scheduled about a day out: the monitor would not look at it before then on its own.
    const connected = await row(id);
    expect(connected.status).toBe('HEALTHY');
    expect(connected.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 20 * 3_600_000);

    await h.invalidate(userId, 'PASSWORD_CHANGED');
    const failed = await hostCall(id);
    expect(failed.status).toBe(400);
    expect((await row(id)).status).toBe('HEALTHY');

    const reportedAt = Date.now();
    const res = await gql(REPORT, { id, s: failed.status, b: failed.body });
    expect(res.errors).toBeUndefined();
    await waitUntil(async () => (await row(id)).status === 'REVOKED', 'the monitor to find the token REVOKED', 10_000, 25);
    expect(Date.now() - reportedAt).toBeLessThan(5_000);

    const after = await row(id);
    expect(after).toMatchObject({ cause: 'PASSWORD_CHANGED' });
    expect(after.untrackedSince).toBeInstanceOf(Date);
    const history = await h.database.dataSource.getRepository(IntegrationEvent).find({ where: { integrationId: id }, order: { at: 'ASC' } });
    const reported = history.findIndex((e) => e.type === HOST_REPORTED_FAILURE);
    // The report said what the body hinted at and changed nothing; the monitor's own check did.
    expect(history[reported]).toMatchObject({ status: 'HEALTHY', cause: null, detail: { httpStatus: 400, hint: 'PASSWORD_CHANGED', checkRequested: true } });
    expect(history.slice(reported + 1).find((e) => e.status === 'REVOKED')).toMatchObject({ actor: 'monitor', cause: 'PASSWORD_CHANGED' });
  });

  it('a report about a token that works is checked, found fine, and changes nothing (never cry wolf)', async () => {
    const { id } = await connect('Fine Finn');
    const reportedAt = new Date();
    const body = JSON.stringify({ error: { message: 'Error validating access token: The user has not authorized application.', type: 'OAuthException', code: 190, error_subcode: 458 } });
    const res = await gql(REPORT, { id, s: 400, b: body });
    expect(res.errors).toBeUndefined();
    expect(res.data.reportProviderFailure.status).toBe('HEALTHY');
    await waitUntil(async () => ((await row(id)).lastCheckedAt?.getTime() ?? 0) >= reportedAt.getTime() - 1, 'the requested check', 10_000, 25);
    await waitUntil(async () => (await row(id)).nextCheckAt!.getTime() > Date.now() + 3_600_000, 'the check to be released and rescheduled', 10_000, 25);
    expect(await row(id)).toMatchObject({ status: 'HEALTHY', cause: null, untrackedSince: null });
    const [event] = await h.database.dataSource.getRepository(IntegrationEvent).findBy({ integrationId: id, type: HOST_REPORTED_FAILURE });
    expect(event!.detail).toMatchObject({ hint: 'APP_DEAUTHORIZED', checkRequested: true });
  });
});
