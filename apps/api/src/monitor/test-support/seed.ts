import type { Provider } from '@relink/core';
import { Integration, Tenant, TokenCipher, WebhookDelivery, WebhookEndpoint, type RelinkDatabase } from '@relink/db';
import { WebhookSigner } from '../../services/WebhookSigner.js';

/** Small row factories for monitor tests (not a replacement for the real connection flow). */
export async function seedTenant(database: RelinkDatabase, name = 'Acme'): Promise<Tenant> {
  return database.dataSource.getRepository(Tenant).save({ name });
}

export async function seedEndpoint(
  database: RelinkDatabase,
  encryptionKeys: string,
  tenantId: string,
  url: string,
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = WebhookSigner.generateSecret();
  const encrypted = TokenCipher.fromSpec(encryptionKeys).encrypt(secret);
  const endpoint = await database.dataSource
    .getRepository(WebhookEndpoint)
    .save({ tenantId, url, secretCiphertext: encrypted.ciphertext, secretKeyId: encrypted.keyId, disabledAt: null });
  return { endpoint, secret };
}

export async function seedDelivery(database: RelinkDatabase, endpoint: WebhookEndpoint, payload: Record<string, unknown> = { hello: 'world' }): Promise<WebhookDelivery> {
  return database.dataSource.getRepository(WebhookDelivery).save({
    endpointId: endpoint.id,
    tenantId: endpoint.tenantId,
    webhookId: `msg_${Math.random().toString(36).slice(2)}`,
    eventType: 'integration.status_changed',
    payload,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(Date.now() - 1000),
  });
}

export interface SeedIntegrationInput {
  tenantId: string;
  provider?: Provider;
  name?: string;
  nextCheckAt?: Date | null;
  tokenExpiresAt?: Date | null;
  dataAccessExpiresAt?: Date | null;
  status?: Integration['status'];
  credentialVersion?: number | null;
  credentialId?: string | null;
  identityId?: string | null;
  externalAccountId?: string;
}

let counter = 0;

export async function seedIntegration(database: RelinkDatabase, input: SeedIntegrationInput): Promise<Integration> {
  counter += 1;
  return database.dataSource.getRepository(Integration).save({
    tenantId: input.tenantId,
    provider: input.provider ?? 'FACEBOOK',
    externalAccountId: input.externalAccountId ?? `act_${Date.now()}${counter}`,
    name: input.name ?? `Account ${counter}`,
    status: input.status ?? 'HEALTHY',
    cause: null,
    statusVersion: 0,
    tokenExpiresAt: input.tokenExpiresAt ?? null,
    dataAccessExpiresAt: input.dataAccessExpiresAt ?? null,
    consecutiveTransientFailures: 0,
    credentialVersion: input.credentialVersion ?? 1,
    credentialId: input.credentialId ?? null,
    identityId: input.identityId ?? null,
    nextCheckAt: input.nextCheckAt === undefined ? new Date(Date.now() - 1000) : input.nextCheckAt,
    disconnectedAt: null,
  });
}

/** A provider identity plus one credential holding `accessToken` (encrypted as CredentialService stores it). */
export async function seedCredential(
  database: RelinkDatabase,
  encryptionKeys: string,
  input: { tenantId: string; provider?: Provider; externalUserId: string; accessToken: string; refreshToken?: string },
): Promise<{ identityId: string; credentialId: string }> {
  const provider = input.provider ?? 'FACEBOOK';
  const cipher = TokenCipher.fromSpec(encryptionKeys);
  const { rows: identity } = await database.executeSql<{ id: string }>(
    `INSERT INTO provider_identities (provider, external_user_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (provider, external_user_id) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [provider, input.externalUserId, `User ${input.externalUserId}`],
  );
  const access = cipher.encrypt(input.accessToken);
  const refresh = input.refreshToken ? cipher.encrypt(input.refreshToken) : null;
  const { rows: credential } = await database.executeSql<{ id: string }>(
    `INSERT INTO credentials (tenant_id, identity_id, provider, version, access_token_ciphertext, access_token_key_id,
                              refresh_token_ciphertext, refresh_token_key_id, scopes)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7, '{ads_read,ads_management,email}') RETURNING id`,
    [input.tenantId, identity[0]!.id, provider, access.ciphertext, access.keyId, refresh?.ciphertext ?? null, refresh?.keyId ?? null],
  );
  return { identityId: identity[0]!.id, credentialId: credential[0]!.id };
}
