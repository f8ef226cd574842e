import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelinkDatabase } from '../relink-database.js';
import { createTestDatabase } from '../test-support/create-test-database.js';
import { ApiKey } from './api-key.entity.js';
import { AuditLogEntry } from './audit-log-entry.entity.js';
import { Credential } from './credential.entity.js';
import { ENTITIES } from './index.js';
import { IntegrationEvent } from './integration-event.entity.js';
import { Integration } from './integration.entity.js';
import { OAuthTicket } from './oauth-ticket.entity.js';
import { ProviderIdentity } from './provider-identity.entity.js';
import { SeenSecurityEvent } from './seen-security-event.entity.js';
import { StaffUser } from './staff-user.entity.js';
import { Tenant } from './tenant.entity.js';
import { UntrackedWindow } from './untracked-window.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WidgetSession } from './widget-session.entity.js';

const hash = () => createHash('sha256').update(randomBytes(16)).digest('hex');
const at = (iso: string) => new Date(iso);

describe('entities map onto the migrated tables', () => {
  let db: RelinkDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('entities');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('declares a snake_case column for every property, all of which exist in the schema', async () => {
    const { rows } = await db.executeSql<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1`,
      [db.schema],
    );
    const actual = new Set(rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const entity of ENTITIES) {
      const metadata = db.dataSource.getMetadata(entity);
      for (const column of metadata.columns) {
        expect(column.databaseName).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(actual, `${metadata.tableName}.${column.databaseName}`).toContain(`${metadata.tableName}.${column.databaseName}`);
      }
      const tableColumns = [...actual].filter((name) => name.startsWith(`${metadata.tableName}.`));
      expect(tableColumns.length, `${metadata.tableName} has columns no entity property maps`).toBe(metadata.columns.length);
    }
  });

  it('saves and reloads one of each through TypeORM repositories', async () => {
    const m = db.dataSource.manager;
    const tenant = await m.save(m.create(Tenant, { name: 'Acme' }));
    expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(tenant.createdAt).toBeInstanceOf(Date);

    await m.save(m.create(ApiKey, { tenantId: tenant.id, name: 'backend', prefix: 'rlk_ab12', keyHash: hash() }));
    await m.save(m.create(StaffUser, { name: 'Sam', email: 'Sam@Example.com', tokenHash: hash() }));
    const identity = await m.save(m.create(ProviderIdentity, { provider: 'FACEBOOK', externalUserId: '1000', name: 'Agency Ann', email: null }));
    const credential = await m.save(
      m.create(Credential, {
        tenantId: tenant.id, identityId: identity.id, provider: 'FACEBOOK', version: 1,
        accessTokenCiphertext: 'Y2lwaGVy', accessTokenKeyId: 'k1', refreshTokenCiphertext: null, refreshTokenKeyId: null,
        accessTokenExpiresAt: at('2026-03-01T00:00:00Z'), scopes: ['ads_read', 'ads_management'],
      }),
    );
    const integration = await m.save(
      m.create(Integration, {
        tenantId: tenant.id, provider: 'FACEBOOK', externalAccountId: 'act_1', name: 'Main account',
        identityId: identity.id, credentialId: credential.id, credentialVersion: 1, nextCheckAt: at('2026-01-01T00:05:00Z'),
      }),
    );
    await m.save(m.create(IntegrationEvent, { integrationId: integration.id, tenantId: tenant.id, type: 'connected', status: 'HEALTHY', actor: 'staff:sam', detail: { via: 'test' } }));
    await m.save(m.create(UntrackedWindow, { integrationId: integration.id, tenantId: tenant.id, startedAt: at('2026-01-02T00:00:00Z'), cause: 'PASSWORD_CHANGED' }));
    await m.save(
      m.create(OAuthTicket, {
        tokenHash: hash(), tenantId: tenant.id, provider: 'FACEBOOK', kind: 'reauthorize', integrationId: integration.id,
        actor: 'widget', returnTo: 'https://host.example/back', expiresAt: at('2026-01-02T00:10:00Z'),
      }),
    );
    await m.save(m.create(WidgetSession, { tenantId: tenant.id, tokenHash: hash(), allowedOrigin: 'https://host.example', expiresAt: at('2026-01-02T00:15:00Z') }));
    await m.save(m.create(AuditLogEntry, { actorKind: 'STAFF', actorId: 'sam', actorName: 'Sam', tenantId: tenant.id, action: 'integration.recheck', targetType: 'integration', targetId: integration.id, detail: {} }));
    const endpoint = await m.save(m.create(WebhookEndpoint, { tenantId: tenant.id, url: 'https://host.example/hooks', secretCiphertext: 'c2VjcmV0', secretKeyId: 'k1' }));
    await m.save(m.create(WebhookDelivery, { endpointId: endpoint.id, tenantId: tenant.id, webhookId: 'msg_1', eventType: 'integration.status_changed', payload: { type: 'integration.status_changed' }, nextAttemptAt: new Date() }));
    await m.save(m.create(SeenSecurityEvent, { provider: 'GOOGLE', dedupeKey: 'jti-1' }));

    const loaded = await m.findOneByOrFail(Integration, { id: integration.id });
    expect(loaded).toMatchObject({ status: 'HEALTHY', cause: null, statusVersion: 0, consecutiveTransientFailures: 0, credentialVersion: 1 });
    expect(loaded.nextCheckAt?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect((await m.findOneByOrFail(Credential, { id: credential.id })).scopes).toEqual(['ads_read', 'ads_management']);
    expect((await m.findOneByOrFail(IntegrationEvent, { integrationId: integration.id })).detail).toEqual({ via: 'test' });
    expect((await m.findOneByOrFail(WebhookDelivery, { webhookId: 'msg_1' })).status).toBe('pending');
    expect((await m.findOneByOrFail(UntrackedWindow, { integrationId: integration.id })).endedAt).toBeNull();
    for (const entity of ENTITIES) expect(await m.count(entity), db.dataSource.getMetadata(entity).tableName).toBe(1);

    loaded.status = 'REVOKED';
    loaded.cause = 'PASSWORD_CHANGED';
    loaded.statusVersion += 1;
    const before = loaded.updatedAt.getTime();
    await m.save(loaded);
    const updated = await m.findOneByOrFail(Integration, { id: integration.id });
    expect(updated).toMatchObject({ status: 'REVOKED', cause: 'PASSWORD_CHANGED', statusVersion: 1 });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});
