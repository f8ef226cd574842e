import type { Provider } from '@relink/core';
import { sandboxCauses, FACEBOOK_CAUSES, GOOGLE_CAUSES, type SandboxCause } from '@relink/provider-sandbox';
import { followAuthorization } from '../../demo/followAuthorization.js';
import { sandboxControl } from '../../demo/sandboxControl.js';
import type { Viewer } from '../../graphql/viewer.js';
import type { Services } from '../../services/services.js';

export const DEMO_TENANT_NAME = 'Demo tenant';
/** Recorded as the actor of what the demo page does (tenant creation, connections, rechecks). */
export const DEMO_ACTOR = 'demo:host-page';
export const DEMO_VIEWER: Viewer = { kind: 'STAFF', staffId: 'demo-host-page', name: 'Demo host page (/demo/)' };

/** The sandbox people of the demo tenant: one per provider that runs in sandbox mode. */
const DEMO_PEOPLE: Record<Provider, { name: string; email: string; accounts: string[] }> = {
  FACEBOOK: { name: 'Dana Demo', email: 'dana.demo@facebook.sandbox.relink.test', accounts: ['Demo Shop DE', 'Demo Shop AT'] },
  GOOGLE: { name: 'Sam Sample', email: 'sam.sample@google.sandbox.relink.test', accounts: ['Demo Search Campaigns'] },
};

export interface DemoCause {
  cause: SandboxCause;
  /** The provider pushes a notice for it (Facebook deauthorize, Google RISC): Relink knows at once. */
  pushed: boolean;
}

export interface DemoPerson {
  provider: Provider;
  userId: string;
  name: string;
  email: string;
  accounts: string[];
  causes: DemoCause[];
}

export interface DemoTenant {
  tenantId: string;
  people: DemoPerson[];
  /** The demo tenant's integrations connected by this process (its sandbox lives in memory). */
  integrationIds: string[];
}

function demoCauses(provider: Provider): DemoCause[] {
  return sandboxCauses(provider).map((cause) => ({
    cause,
    pushed:
      provider === 'FACEBOOK'
        ? 'pushDeauthorize' in (FACEBOOK_CAUSES[cause as keyof typeof FACEBOOK_CAUSES] ?? {})
        : 'risc' in (GOOGLE_CAUSES[cause as keyof typeof GOOGLE_CAUSES] ?? {}),
  }));
}

/**
 * Finds or creates the "Demo tenant" with one sandbox person per sandboxed provider, connected
 * through the real OAuth flow over HTTP (start → sandbox consent with `login_hint` → callback), as
 * the demo seed does. The sandbox lives in this process's memory, so a restart creates the people
 * again and disconnects the tenant's integrations that belonged to the previous ones.
 * Needs the server listening at `config.publicUrl`.
 */
export async function ensureDemoTenant(services: Services): Promise<DemoTenant> {
  const { config } = services;
  const providers = (['FACEBOOK', 'GOOGLE'] as const).filter((p) => (p === 'FACEBOOK' ? config.facebook : config.google).mode === 'sandbox');
  if (providers.length === 0) throw new Error('The demo needs a provider in sandbox mode (no app credentials set for Facebook or Google).');

  const found = await services.tenants.list({ first: 20, search: DEMO_TENANT_NAME });
  const tenantId =
    found.edges.find((edge) => edge.node.name === DEMO_TENANT_NAME)?.node.id ?? (await services.tenants.create(DEMO_VIEWER, DEMO_TENANT_NAME)).tenant.id;

  const control = sandboxControl(config.publicUrl);
  const origin = new URL(config.publicUrl).origin;
  const existing = await listSandboxUsers(config.publicUrl);
  const people: DemoPerson[] = [];
  const integrationIds: string[] = [];
  for (const provider of providers) {
    const plan = DEMO_PEOPLE[provider];
    let userId = existing.find((user) => user.provider === provider && user.email === plan.email)?.userId;
    if (!userId) {
      userId = (await control.createUser({ provider, name: plan.name, email: plan.email })).userId;
      for (const account of plan.accounts) await control.addAdAccount(userId, account);
    }
    const start = await services.connections.startAuthorization({ tenantId, provider, kind: 'connect', actor: DEMO_ACTOR });
    const url = new URL(start.url);
    url.searchParams.set('login_hint', plan.email);
    const flow = await followAuthorization(url.toString(), origin);
    const body = flow.body as { ok?: boolean; integrationIds?: string[] };
    if (flow.status !== 200 || body.ok !== true || !body.integrationIds?.length) {
      throw new Error(`demo: connecting ${plan.name} (${provider}) failed (HTTP ${flow.status}): ${JSON.stringify(flow.body).slice(0, 300)}`);
    }
    integrationIds.push(...body.integrationIds);
    people.push({ provider, userId, name: plan.name, email: plan.email, accounts: plan.accounts, causes: demoCauses(provider) });
  }

  // Integrations of people from an earlier run (their sandbox is gone): out of the demo's way.
  const current = await services.integrations.list({ tenantId }, 100);
  for (const { node } of current.edges) {
    if (node.status !== 'DISCONNECTED' && !integrationIds.includes(node.id)) await services.checks.disconnect(node.id, DEMO_ACTOR);
  }
  return { tenantId, people, integrationIds };
}

async function listSandboxUsers(publicUrl: string): Promise<Array<{ userId: string; provider: Provider; email: string }>> {
  const response = await fetch(`${publicUrl}/sandbox/control/users`);
  if (!response.ok) throw new Error(`sandbox control /users answered ${response.status}`);
  return ((await response.json()) as { users: Array<{ userId: string; provider: Provider; email: string }> }).users;
}
