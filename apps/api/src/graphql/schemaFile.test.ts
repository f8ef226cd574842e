import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { printRelinkSchema } from './printRelinkSchema.js';
import { buildRelinkSchema } from './schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  let schema: GraphQLSchema;
  let sdl: string;
  beforeAll(async () => {
    schema = await buildRelinkSchema();
    sdl = printRelinkSchema(schema);
    if (process.env.RELINK_WRITE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, sdl);
  });

  it('is committed exactly as built (run `pnpm --filter @relink/api run schema` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(sdl);
  });

  it('has every name the contract fixes', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['viewer', 'integrations', 'integration', 'healthSummary', 'invalidationCauses', 'blastRadius']) expect(query).toHaveProperty(name);
    const mutation = schema.getMutationType()!.getFields();
    for (const name of ['createTenant', 'createWidgetSession', 'startConnection', 'startReauthorization', 'recheckIntegration', 'disconnectIntegration', 'registerWebhook']) {
      expect(mutation).toHaveProperty(name);
    }
    expect(schema.getSubscriptionType()!.getFields()).toHaveProperty('integrationStatusChanged');
    const fields = (type: string) => Object.keys((schema.getType(type) as { getFields(): object }).getFields());
    const values = (type: string) => (schema.getType(type) as unknown as { getValues(): Array<{ name: string }> }).getValues().map((v) => v.name);
    expect(fields('Integration')).toEqual(expect.arrayContaining([
      'id', 'tenantId', 'provider', 'externalAccountId', 'name', 'status', 'needsReauthorization', 'cause', 'statusChangedAt',
      'tokenExpiresAt', 'lastCheckedAt', 'untrackedSince', 'untrackedWindows', 'untrackedSeconds', 'events', 'authorizedBy',
    ]));
    expect(fields('CauseInfo')).toEqual(expect.arrayContaining(['code', 'title', 'explanation', 'action', 'securityRelated']));
    expect(fields('UntrackedWindow')).toEqual(expect.arrayContaining(['startedAt', 'endedAt', 'seconds', 'cause']));
    expect(fields('IntegrationEvent')).toEqual(expect.arrayContaining(['at', 'type', 'status', 'cause', 'actor']));
    expect(fields('ProviderIdentity')).toEqual(expect.arrayContaining(['provider', 'externalUserId', 'name']));
    expect(fields('IdentityExposure')).toEqual(expect.arrayContaining(['identity', 'integrationCount', 'tenantCount']));
    expect(fields('HealthSummary')).toEqual(['total', 'byStatus', 'untrackedSeconds']);
    expect(fields('StatusCount')).toEqual(['status', 'count']);
    expect(fields('AuthorizationStart')).toEqual(['url', 'expiresAt']);
    expect(fields('WebhookEndpoint')).toEqual(expect.arrayContaining(['id', 'url', 'secret']));
    expect(fields('WidgetSession')).toEqual(expect.arrayContaining(['token', 'expiresAt']));
    expect(fields('TenantWithApiKey')).toEqual(expect.arrayContaining(['tenant', 'apiKey']));
    expect(fields('Viewer')).toEqual(expect.arrayContaining(['kind', 'tenant']));
    expect(fields('IntegrationConnection')).toEqual(['edges', 'pageInfo', 'totalCount']);
    expect(fields('IntegrationFilter')).toEqual(['tenantId', 'provider', 'status', 'cause', 'search', 'identityId']);
    expect(fields('IntegrationOrder')).toEqual(['field', 'direction']);
    expect(values('IntegrationOrderField')).toEqual(['CREATED_AT', 'NAME', 'STATUS_CHANGED_AT', 'UNTRACKED_SINCE']);
    expect(values('OrderDirection')).toEqual(['ASC', 'DESC']);
    expect(values('Provider')).toEqual(['FACEBOOK', 'GOOGLE']);
    expect(values('IntegrationStatus')).toEqual(['HEALTHY', 'EXPIRING_SOON', 'EXPIRED', 'REVOKED', 'UNREACHABLE', 'DISCONNECTED']);
    expect(values('InvalidationCause')).toHaveLength(14);
    expect(sdl).toContain('integrations(after: String, filter: IntegrationFilter, first: Int = 50, orderBy: IntegrationOrder): IntegrationConnection!');
    expect(sdl).toContain('direction: OrderDirection! = ASC');
    expect(sdl).toContain('notifications(first: Int = 20): [WebhookDelivery!]!');
  });

  it('exposes no credential: no field is named like a token secret, and one-time secrets live only on creation results', () => {
    const forbidden = /access.?token|refresh.?token|cipher|hash|client.?secret|password|pkce|verifier|keyId/i;
    const oneTime = new Map([
      ['secret', ['WebhookEndpoint']],
      ['token', ['WidgetSession', 'StaffToken']],
      ['apiKey', ['TenantWithApiKey', 'ApiKeyWithSecret']],
    ]);
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || isEnumType(type)) continue;
      if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        expect(`${type.name}.${field.name}`).not.toMatch(forbidden);
        const allowedOn = oneTime.get(field.name);
        if (allowedOn) expect(allowedOn, `${type.name}.${field.name}`).toContain(type.name);
      }
    }
    // The only places a one-time secret appears are the answers of the mutations that create it.
    const mutation = schema.getMutationType()!.getFields();
    const creators = Object.values(mutation)
      .filter((f) => ['TenantWithApiKey', 'ApiKeyWithSecret', 'StaffToken'].includes(getNamedType(f.type).name))
      .map((f) => f.name)
      .sort();
    expect(creators).toEqual(['createApiKey', 'createStaffToken', 'createTenant']);
    const query = schema.getQueryType()!.getFields();
    for (const f of Object.values(query)) expect(['TenantWithApiKey', 'ApiKeyWithSecret', 'StaffToken']).not.toContain(getNamedType(f.type).name);
  });
});
