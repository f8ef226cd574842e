import type { AddressInfo } from 'node:net';
import { createTestDatabase, Integration, ProviderIdentity, Tenant, type RelinkDatabase } from '@relink/db';
import type { IntegrationStatus, InvalidationCause, Provider } from '@relink/core';
import { createApp, type RelinkApp } from '../app.js';
import type { Config } from '../config.js';
import { testConfig } from './testConfig.js';

export interface GqlError {
  message: string;
  path?: string[];
  extensions: { code: string; [key: string]: unknown };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: responses are asserted on loosely
type AnyData = Record<string, any>;

export interface GqlResponse<T = AnyData> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: GqlError[] | undefined;
}

export interface GqlOptions {
  token?: string | undefined;
  variables?: Record<string, unknown>;
  origin?: string;
}

/** A running app over real HTTP on a fresh test database, plus direct seeding through TypeORM. */
export interface Harness {
  relink: RelinkApp;
  database: RelinkDatabase;
  config: Config;
  base: string;
  staffToken: string;
  gql<T = AnyData>(query: string, options?: GqlOptions): Promise<GqlResponse<T>>;
  /** A tenant and a live API key for it, through the real mutation. */
  tenantWithKey(name: string): Promise<{ tenantId: string; apiKey: string }>;
  widgetToken(apiKey: string, origin: string, ttlSeconds?: number): Promise<string>;
  seedIntegration(tenantId: string, fields?: Partial<SeedIntegration>): Promise<Integration>;
  seedIdentity(provider: Provider, name: string): Promise<ProviderIdentity>;
  close(): Promise<void>;
}

export interface SeedIntegration {
  provider: Provider;
  externalAccountId: string;
  name: string;
  status: IntegrationStatus;
  cause: InvalidationCause | null;
  identityId: string | null;
  untrackedSince: Date | null;
  createdAt: Date;
}

let counter = 0;

export async function startHarness(name: string, overrides: Record<string, string> = {}): Promise<Harness> {
  const database = await createTestDatabase(name);
  const config = testConfig(overrides);
  const relink = await createApp(config, { database });
  // Tests idle on one keep-alive connection while seeding; Node's 5 s default closes it under fetch's feet (ECONNRESET).
  relink.server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => relink.server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(relink.server.address() as AddressInfo).port}`;

  const gql = async <T,>(query: string, options: GqlOptions = {}): Promise<GqlResponse<T>> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.origin ? { origin: options.origin } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
    return { status: res.status, headers: res.headers, data: body.data, errors: body.errors };
  };

  const harness: Harness = {
    relink,
    database,
    config,
    base,
    staffToken: config.adminToken!,
    gql,
    async tenantWithKey(tenantName) {
      const res = await gql<{ createTenant: { tenant: { id: string }; apiKey: string } }>(
        'mutation($name: String!) { createTenant(name: $name) { tenant { id } apiKey } }',
        { token: config.adminToken, variables: { name: tenantName } },
      );
      if (!res.data) throw new Error(`createTenant failed: ${JSON.stringify(res.errors)}`);
      return { tenantId: res.data.createTenant.tenant.id, apiKey: res.data.createTenant.apiKey };
    },
    async widgetToken(apiKey, origin, ttlSeconds = 900) {
      const res = await gql<{ createWidgetSession: { token: string } }>(
        'mutation($o: String!, $t: Int) { createWidgetSession(allowedOrigin: $o, ttlSeconds: $t) { token } }',
        { token: apiKey, variables: { o: origin, t: ttlSeconds } },
      );
      if (!res.data) throw new Error(`createWidgetSession failed: ${JSON.stringify(res.errors)}`);
      return res.data.createWidgetSession.token;
    },
    async seedIntegration(tenantId, fields = {}) {
      counter += 1;
      const repo = database.dataSource.getRepository(Integration);
      const status = fields.status ?? 'HEALTHY';
      return repo.save(
        repo.create({
          tenantId,
          provider: fields.provider ?? 'FACEBOOK',
          externalAccountId: fields.externalAccountId ?? `act_${1000 + counter}`,
          name: fields.name ?? `Account ${counter}`,
          status,
          cause: fields.cause ?? (status === 'EXPIRED' ? 'TOKEN_EXPIRED' : status === 'REVOKED' ? 'PASSWORD_CHANGED' : null),
          identityId: fields.identityId ?? null,
          untrackedSince: fields.untrackedSince ?? null,
          nextCheckAt: status === 'DISCONNECTED' ? null : new Date(Date.now() + 3_600_000),
          ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
        }),
      );
    },
    async seedIdentity(provider, identityName) {
      counter += 1;
      const repo = database.dataSource.getRepository(ProviderIdentity);
      return repo.save(repo.create({ provider, externalUserId: `u${counter}_${Date.now()}`, name: identityName, email: null }));
    },
    async close() {
      await relink.close();
      await database.close();
    },
  };
  return harness;
}

/** Seeds a tenant row directly (no API key), for bulk data. */
export async function seedTenant(database: RelinkDatabase, name: string): Promise<Tenant> {
  const repo = database.dataSource.getRepository(Tenant);
  return repo.save(repo.create({ name }));
}
