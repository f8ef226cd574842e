import type { IntegrationStatus, Provider, StatusEvent } from '@relink/core';
import type { Services } from '../services/services.js';
import type { Viewer } from '../graphql/viewer.js';
import { buildDemoScenario, type DemoIntegrationPlan, type DemoStep } from './demoScenario.js';
import { followAuthorization } from './followAuthorization.js';
import { sandboxControl } from './sandboxControl.js';

export interface DemoSeedOptions {
  /** The demo's "now" (tests pin it); default: the current time. */
  now?: Date;
  log?: (line: string) => void;
}

export interface DemoSeedResult {
  seeded: boolean;
  /** Why nothing was seeded, when it was not. */
  reason?: string;
  tenants: Array<{ id: string; name: string; apiKey: string }>;
  integrationCount: number;
  byStatus: Partial<Record<IntegrationStatus, number>>;
}

/** Who the demo's own actions are recorded as (tenant creation in the audit log). */
const DEMO_VIEWER: Viewer = { kind: 'STAFF', staffId: 'demo-seed', name: 'Demo data (pnpm start)' };
const DAY = 86_400_000;

interface IntegrationRow {
  id: string;
  name: string;
  credential_id: string | null;
  credential_version: number | null;
  token_expires_at: Date | null;
  data_access_expires_at: Date | null;
}

function eventFor(step: DemoStep, provider: Provider, row: IntegrationRow): { event: StatusEvent; actor: string; eventType: string } {
  const credentialVersion = row.credential_version ?? 1;
  switch (step.type) {
    case 'invalid':
      if (step.via === 'push') {
        return {
          event: { type: 'SECURITY_EVENT', at: step.at, cause: step.cause, occurredAt: step.occurredAt ?? step.at },
          actor: provider === 'FACEBOOK' ? 'provider:facebook-deauthorize' : 'provider:google-risc',
          eventType: 'security_event',
        };
      }
      return {
        event: { type: 'CHECK_INVALID', at: step.at, credentialVersion, cause: step.cause, ...(step.occurredAt ? { occurredAt: step.occurredAt } : {}) },
        actor: 'monitor',
        eventType: 'checked',
      };
    case 'reauthorized':
      // A reauthorization issues a token like the one the sandbox issued: same expiry dates.
      return {
        event: { type: 'TOKEN_ISSUED', at: step.at, credentialVersion, expiresAt: row.token_expires_at, dataAccessExpiresAt: row.data_access_expires_at },
        actor: 'widget:demo-banner',
        eventType: 'reauthorized',
      };
    case 'transient':
      return { event: { type: 'CHECK_TRANSIENT', at: step.at, credentialVersion }, actor: 'monitor', eventType: 'checked' };
    case 'disconnected':
      return { event: { type: 'DISCONNECTED', at: step.at }, actor: 'tenant:demo', eventType: 'disconnected' };
  }
}

/**
 * Seeds a living demo into an empty development database (`pnpm start` on first run): four tenants
 * (API keys returned once), sandbox people and ad accounts, real sandbox tokens through the real OAuth
 * flow (so identities and TokenCipher-encrypted credentials are exactly what a customer's consent
 * creates), one agency identity connected for three tenants, and 90 days of history.
 *
 * The history's start is moved back 90 days (the connection event, creation and credential issue
 * times — historical rows only); every status change after it goes through `services.status`, so the
 * state machine writes every status, cause and untracked window. The sandbox is then told about the
 * current invalidations, so a recheck agrees with what the console shows.
 *
 * Needs the server listening at `config.publicUrl` with at least one provider in sandbox mode. Does
 * nothing in production or when the database already has a tenant.
 */
export async function seedDemoData(services: Services, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const { config, database } = services;
  const log = options.log ?? (() => undefined);
  const skip = (reason: string): DemoSeedResult => ({ seeded: false, reason, tenants: [], integrationCount: 0, byStatus: {} });
  if (config.mode === 'production') return skip('production mode never seeds demo data');
  const sandboxed = new Set<Provider>((['FACEBOOK', 'GOOGLE'] as const).filter((p) => (p === 'FACEBOOK' ? config.facebook : config.google).mode === 'sandbox'));
  if (sandboxed.size === 0) return skip('no provider runs in sandbox mode (real credentials are set)');
  const existing: Array<{ count: number }> = await database.dataSource.query('SELECT count(*)::int AS count FROM tenants');
  if (Number(existing[0]?.count ?? 0) > 0) return skip('the database already has tenants');

  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000);
  const plan = buildDemoScenario(now);
  const control = sandboxControl(config.publicUrl);
  const origin = new URL(config.publicUrl).origin;

  const tenantIds = new Map<string, string>();
  const tenants: DemoSeedResult['tenants'] = [];
  for (const tenant of plan.tenants) {
    const created = await services.tenants.create(DEMO_VIEWER, tenant.name);
    tenantIds.set(tenant.key, created.tenant.id);
    tenants.push({ id: created.tenant.id, name: created.tenant.name, apiKey: created.apiKey.apiKey });
    await database.dataSource.query('UPDATE tenants SET created_at = $2 WHERE id = $1', [created.tenant.id, new Date(now.getTime() - 91 * DAY)]);
  }
  log(`demo: ${tenants.length} tenants`);

  const sandboxUserIds = new Map<string, string>();
  const rows = new Map<string, IntegrationRow>();
  for (const user of plan.users) {
    if (!sandboxed.has(user.provider)) continue;
    const created = await control.createUser({
      provider: user.provider,
      name: user.name,
      email: user.email,
      ...(user.timeBasedAccessDays ? { timeBasedAccessSeconds: user.timeBasedAccessDays * 86_400 } : {}),
    });
    sandboxUserIds.set(user.key, created.userId);
    for (const account of user.accounts) await control.addAdAccount(created.userId, account);

    for (const tenantKey of user.tenants) {
      const tenantId = tenantIds.get(tenantKey)!;
      const start = await services.connections.startAuthorization({ tenantId, provider: user.provider, kind: 'connect', actor: 'tenant:demo' });
      const url = new URL(start.url);
      url.searchParams.set('login_hint', user.email);
      const flow = await followAuthorization(url.toString(), origin);
      const body = flow.body as { ok?: boolean; integrationIds?: string[]; message?: string };
      if (flow.status !== 200 || body.ok !== true || !body.integrationIds?.length) {
        throw new Error(`demo: connecting ${user.name} for ${tenantKey} failed (HTTP ${flow.status}): ${JSON.stringify(flow.body).slice(0, 300)}`);
      }
      const connected: IntegrationRow[] = await database.dataSource.query(
        'SELECT id, name, credential_id, credential_version, token_expires_at, data_access_expires_at FROM integrations WHERE id = ANY($1::uuid[])',
        [body.integrationIds],
      );
      for (const row of connected) rows.set(`${tenantKey}/${row.name}`, row);
    }
  }

  const planned = plan.integrations.filter((p) => rows.has(`${p.tenant}/${p.account}`));
  for (const item of planned) await backdateConnection(services, item, rows.get(`${item.tenant}/${item.account}`)!, tenantIds.get(item.tenant)!);
  for (const item of planned) {
    const row = rows.get(`${item.tenant}/${item.account}`)!;
    const provider = plan.users.find((u) => u.key === item.user)!.provider;
    for (const step of item.steps) {
      const { event, actor, eventType } = eventFor(step, provider, row);
      await services.status.apply(row.id, event, { actor, eventType, detail: { demo: true } });
    }
    await services.status.apply(row.id, { type: 'TIME_PASSED', at: now }, { actor: 'monitor', eventType: 'expiry' });
  }
  log(`demo: ${planned.length} integrations with ${planned.reduce((n, p) => n + p.steps.length, 0)} history steps`);

  // The provider side of the current invalidations, so checks and rechecks agree with the console.
  for (const user of plan.users) {
    const userId = sandboxUserIds.get(user.key);
    if (userId && user.currentCause) await control.invalidate(userId, user.currentCause);
  }

  const counts: Array<{ status: IntegrationStatus; count: number }> = await database.dataSource.query(
    'SELECT status, count(*)::int AS count FROM integrations GROUP BY status',
  );
  return {
    seeded: true,
    tenants,
    integrationCount: planned.length,
    byStatus: Object.fromEntries(counts.map((c) => [c.status, Number(c.count)])),
  };
}

/**
 * Moves a fresh connection to the start of its planned history: the history row of the connection,
 * the integration's creation and status time, and the credential's issue time (so pushed security
 * events from the history concern it). Only historical facts move; the status itself stays the
 * state machine's.
 */
async function backdateConnection(services: Services, item: DemoIntegrationPlan, row: IntegrationRow, tenantId: string): Promise<void> {
  const at = item.connectedAt;
  await services.database.dataSource.transaction(async (em) => {
    await em.query('DELETE FROM integration_events WHERE integration_id = $1', [row.id]);
    await em.query(
      `INSERT INTO integration_events (integration_id, tenant_id, at, type, status, cause, actor, detail)
       VALUES ($1, $2, $3, 'connected', 'HEALTHY', NULL, 'tenant:demo', '{"demo":true}'::jsonb)`,
      [row.id, tenantId, at],
    );
    await em.query('UPDATE integrations SET created_at = $2, status_changed_at = $2 WHERE id = $1', [row.id, at]);
    if (row.credential_id) {
      await em.query('UPDATE credentials SET issued_at = LEAST(issued_at, $2) WHERE id = $1', [row.credential_id, at]);
    }
  });
}
