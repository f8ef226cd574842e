import type { InvalidationCause, Provider } from '@relink/core';

/**
 * The demo dataset as a plan: tenants, sandbox users (the people who authorize), which tenants each
 * one connects for, and a 90-day story per integration. Pure and deterministic: the same `now`
 * gives the same plan; nothing here touches a database or the network.
 */

export interface DemoTenant {
  key: string;
  name: string;
}

export interface DemoUser {
  key: string;
  provider: Provider;
  name: string;
  email: string;
  /** Ad accounts this person can reach; a connection creates an integration for each. */
  accounts: string[];
  /** Tenants (keys) this person connected their accounts for: more than one is the agency pattern. */
  tenants: string[];
  /** Google only: consent grants time-based access of this many days (→ EXPIRING_SOON). */
  timeBasedAccessDays?: number;
  /** Where the provider currently refuses this person's tokens (sandbox invalidated with this cause). */
  currentCause?: InvalidationCause;
}

/** One step of an integration's history, applied through StatusService in order. */
export type DemoStep =
  | { type: 'invalid'; at: Date; cause: InvalidationCause; via: 'check' | 'push'; occurredAt?: Date }
  | { type: 'reauthorized'; at: Date }
  | { type: 'transient'; at: Date }
  | { type: 'disconnected'; at: Date };

export interface DemoIntegrationPlan {
  tenant: string;
  user: string;
  account: string;
  /** When it was first connected (the start of its history). */
  connectedAt: Date;
  steps: DemoStep[];
}

export interface DemoPlan {
  tenants: DemoTenant[];
  users: DemoUser[];
  integrations: DemoIntegrationPlan[];
}

export const DEMO_HISTORY_DAYS = 90;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEMO_TENANTS: DemoTenant[] = [
  { key: 'acme', name: 'Acme Outdoor Co.' },
  { key: 'bluebird', name: 'Bluebird Bakery' },
  { key: 'cobalt', name: 'Cobalt Fitness' },
  { key: 'delta', name: 'Delta Dental Group' },
];

export const DEMO_USERS: DemoUser[] = [
  {
    key: 'agency',
    provider: 'FACEBOOK',
    name: 'Jordan Reyes (Northwind Agency)',
    email: 'jordan.reyes@northwind-agency.example',
    accounts: ['Northwind – Prospecting', 'Northwind – Retargeting'],
    tenants: ['acme', 'bluebird', 'cobalt'],
    currentCause: 'PASSWORD_CHANGED',
  },
  { key: 'maya', provider: 'FACEBOOK', name: 'Maya Chen', email: 'maya.chen@acme.example', accounts: ['Acme – Spring Catalog', 'Acme – Brand Awareness', 'Acme – Local Stores'], tenants: ['acme'] },
  { key: 'sam', provider: 'GOOGLE', name: 'Sam Patel', email: 'sam.patel@acme.example', accounts: ['Acme Search', 'Acme Shopping'], tenants: ['acme'], currentCause: 'ADMIN_POLICY' },
  { key: 'lena', provider: 'FACEBOOK', name: 'Lena Fischer', email: 'lena@bluebird.example', accounts: ['Bluebird – Weekend Offers'], tenants: ['bluebird'], currentCause: 'SECURITY_CHECKPOINT' },
  { key: 'omar', provider: 'GOOGLE', name: 'Omar Haddad', email: 'omar@bluebird.example', accounts: ['Bluebird Search', 'Bluebird Maps'], tenants: ['bluebird'], timeBasedAccessDays: 4 },
  { key: 'priya', provider: 'GOOGLE', name: 'Priya Nair', email: 'priya.nair@cobalt.example', accounts: ['Cobalt Search – Memberships', 'Cobalt YouTube'], tenants: ['cobalt'] },
  { key: 'chris', provider: 'FACEBOOK', name: 'Chris Walker', email: 'chris@cobalt.example', accounts: ['Cobalt – New Year Push'], tenants: ['cobalt'], currentCause: 'TOKEN_EXPIRED' },
  { key: 'ana', provider: 'GOOGLE', name: 'Ana Souza', email: 'ana.souza@deltadental.example', accounts: ['Delta Dental – Search', 'Delta Dental – Display', 'Delta – Implants Campaign'], tenants: ['delta'] },
  { key: 'ben', provider: 'FACEBOOK', name: 'Ben Okafor', email: 'ben@deltadental.example', accounts: ['Delta Dental – Lookalikes'], tenants: ['delta'], currentCause: 'PERMISSIONS_CHANGED' },
];

/** When each current invalidation began, in hours before now (a spread, so "broken longest" has an order). */
const CURRENT_STARTED_HOURS_AGO: Partial<Record<string, number>> = { agency: 53, sam: 9 * 24 + 3, lena: 14, chris: 5 * 24 + 6, ben: 26 };
/** Integrations with a special current state, by account name. */
const UNREACHABLE_ACCOUNT = 'Cobalt YouTube';
const DISCONNECTED_ACCOUNT = { account: 'Delta – Implants Campaign', daysAgo: 20 };

const HISTORY_CAUSES: Record<Provider, InvalidationCause[]> = {
  FACEBOOK: ['TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED', 'PASSWORD_CHANGED', 'PERMISSIONS_CHANGED', 'APP_DEAUTHORIZED', 'SECURITY_CHECKPOINT', 'SESSION_INVALIDATED'],
  GOOGLE: ['PERMISSIONS_CHANGED', 'APP_DEAUTHORIZED', 'SESSION_INVALIDATED', 'ACCOUNT_DISABLED', 'ADMIN_POLICY', 'ACCESS_REVOKED', 'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_LIMIT_EXCEEDED'],
};
/** Causes the provider pushes (Facebook deauthorize, Google RISC): detected within a minute. */
const PUSHED: Record<Provider, ReadonlySet<InvalidationCause>> = {
  FACEBOOK: new Set(['APP_DEAUTHORIZED']),
  GOOGLE: new Set(['APP_DEAUTHORIZED', 'SESSION_INVALIDATED', 'ACCOUNT_DISABLED']),
};
/** Causes whose moment the provider tells (an expiry): the window starts then, though a check finds it later. */
const TIMED = new Set<InvalidationCause>(['TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED', 'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY']);
const FIX_HOURS = [2, 5, 9, 16, 26, 40, 60, 90, 130];

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function invalidStep(provider: Provider, cause: InvalidationCause, startedAt: Date, random: () => number): DemoStep {
  if (PUSHED[provider].has(cause)) return { type: 'invalid', at: new Date(startedAt.getTime() + 40_000), cause, via: 'push', occurredAt: startedAt };
  if (TIMED.has(cause)) {
    // The monitor checks about daily: it finds a passed expiry some hours later.
    return { type: 'invalid', at: new Date(startedAt.getTime() + (1 + Math.floor(random() * 12)) * HOUR), cause, via: 'check', occurredAt: startedAt };
  }
  return { type: 'invalid', at: startedAt, cause, via: 'check' };
}

/** The whole plan for `now` (rounded down to the minute). */
export function buildDemoScenario(nowInput: Date, seed = 20_250_101): DemoPlan {
  const now = new Date(Math.floor(nowInput.getTime() / 60_000) * 60_000);
  const random = seededRandom(seed);
  const start = now.getTime() - DEMO_HISTORY_DAYS * DAY;
  const integrations: DemoIntegrationPlan[] = [];

  for (const user of DEMO_USERS) {
    const currentStart = CURRENT_STARTED_HOURS_AGO[user.key];
    const currentAt = currentStart !== undefined ? new Date(now.getTime() - currentStart * HOUR) : null;
    // Identity-wide incidents first: one person's password change breaks every account they connected.
    const incidents: Array<{ startedAt: number; cause: InvalidationCause; fixHours: number; account: string | null }> = [];
    const count = user.key === 'agency' ? 4 : 2 + Math.floor(random() * 3);
    let cursor = start + (2 + random() * 6) * DAY;
    for (let i = 0; i < count; i += 1) {
      const startedAt = cursor + random() * 14 * DAY;
      const fixHours = pick(random, FIX_HOURS) * (0.75 + random() / 2);
      const account = random() < 0.3 ? pick(random, user.accounts) : null;
      const cause = pick(random, HISTORY_CAUSES[user.provider]);
      const latestEnd = startedAt + fixHours * HOUR * (1 + 0.8 * (user.tenants.length - 1)) + 12 * HOUR;
      if (latestEnd >= (currentAt?.getTime() ?? now.getTime() - 2 * DAY)) break;
      incidents.push({ startedAt, cause, fixHours, account });
      cursor = latestEnd + random() * 8 * DAY;
    }

    user.tenants.forEach((tenant, tenantIndex) => {
      for (const account of user.accounts) {
        const steps: DemoStep[] = [];
        const disconnectAt = account === DISCONNECTED_ACCOUNT.account ? now.getTime() - DISCONNECTED_ACCOUNT.daysAgo * DAY : null;
        for (const incident of incidents) {
          if (incident.account !== null && incident.account !== account) continue;
          // A shared identity gets fixed tenant by tenant: each client notices on its own.
          const fixAt = incident.startedAt + incident.fixHours * HOUR * (1 + 0.8 * tenantIndex);
          if (disconnectAt !== null && fixAt + HOUR >= disconnectAt) continue;
          const invalid = invalidStep(user.provider, incident.cause, new Date(incident.startedAt), random);
          steps.push(invalid, { type: 'reauthorized', at: new Date(Math.max(fixAt, invalid.at.getTime() + 30 * 60_000)) });
        }
        if (disconnectAt !== null) steps.push({ type: 'disconnected', at: new Date(disconnectAt) });
        else if (currentAt && user.currentCause) steps.push(invalidStep(user.provider, user.currentCause, currentAt, random));
        else if (account === UNREACHABLE_ACCOUNT) {
          for (const minutesAgo of [55, 35, 15]) steps.push({ type: 'transient', at: new Date(now.getTime() - minutesAgo * 60_000) });
        }
        integrations.push({
          tenant,
          user: user.key,
          account,
          connectedAt: new Date(start + (tenantIndex * 5 + user.accounts.indexOf(account)) * HOUR),
          steps,
        });
      }
    });
  }
  return { tenants: DEMO_TENANTS, users: DEMO_USERS, integrations };
}
