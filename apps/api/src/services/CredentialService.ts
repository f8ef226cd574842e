import type { Provider } from '@relink/core';
import { Credential, TokenCipher, type RelinkDatabase } from '@relink/db';
import type { EntityManager } from 'typeorm';
import { sqlRows } from './sqlRows.js';

/** Tokens as a provider handed them over. Never logged, never returned to a client. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | null;
  accessTokenExpiresAt?: Date | null;
  refreshTokenExpiresAt?: Date | null;
  dataAccessExpiresAt?: Date | null;
  scopes?: string[];
}

export interface NewCredentialInput extends TokenSet {
  tenantId: string;
  identityId: string;
  provider: Provider;
}

/** A credential with its tokens decrypted, for a provider call. `accessToken` null: the tokens were deleted. */
export interface LoadedCredential {
  id: string;
  tenantId: string;
  identityId: string;
  provider: Provider;
  version: number;
  accessToken: string | null;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  issuedAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Stores tokens only as TokenCipher output; decrypts them only for a provider call. */
export class CredentialService {
  private readonly cipher: TokenCipher;

  constructor(
    private readonly database: RelinkDatabase,
    encryptionKeys: string,
  ) {
    this.cipher = TokenCipher.fromSpec(encryptionKeys);
  }

  private manager(em?: EntityManager): EntityManager {
    return em ?? this.database.dataSource.manager;
  }

  /**
   * Adds the next version of the (tenant, identity, provider) credential and revokes the live one,
   * inside the caller's transaction. Returns the new row.
   */
  async createVersion(em: EntityManager, input: NewCredentialInput): Promise<Credential> {
    const repo = em.getRepository(Credential);
    const where = { tenantId: input.tenantId, identityId: input.identityId, provider: input.provider };
    const latest = await repo.findOne({ where, order: { version: 'DESC' } });
    await em.query(
      'UPDATE credentials SET revoked_at = now(), updated_at = now() WHERE tenant_id = $1 AND identity_id = $2 AND provider = $3 AND revoked_at IS NULL',
      [input.tenantId, input.identityId, input.provider],
    );
    const access = this.cipher.encrypt(input.accessToken);
    const refresh = input.refreshToken ? this.cipher.encrypt(input.refreshToken) : null;
    const row = repo.create({
      ...where,
      version: (latest?.version ?? 0) + 1,
      accessTokenCiphertext: access.ciphertext,
      accessTokenKeyId: access.keyId,
      refreshTokenCiphertext: refresh?.ciphertext ?? null,
      refreshTokenKeyId: refresh?.keyId ?? null,
      accessTokenExpiresAt: input.accessTokenExpiresAt ?? null,
      refreshTokenExpiresAt: input.refreshTokenExpiresAt ?? null,
      dataAccessExpiresAt: input.dataAccessExpiresAt ?? null,
      scopes: input.scopes ?? [],
      // Whole seconds, like the providers' own event times (deauthorize issued_at, RISC iat): an event
      // stamped in the second the credential was issued is not mistaken for one about an older credential.
      issuedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
      lastUsedAt: new Date(),
      revokedAt: null,
    });
    return repo.save(row);
  }

  async load(credentialId: string, em?: EntityManager): Promise<LoadedCredential | null> {
    const row = await this.manager(em).getRepository(Credential).findOne({ where: { id: credentialId } });
    return row ? this.decrypt(row) : null;
  }

  /** Every credential of these ids, decrypted (rows that are missing are left out). */
  async loadMany(credentialIds: readonly string[]): Promise<Map<string, LoadedCredential>> {
    const unique = [...new Set(credentialIds)];
    const result = new Map<string, LoadedCredential>();
    if (unique.length === 0) return result;
    const rows = await this.database.dataSource
      .getRepository(Credential)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids: unique })
      .getMany();
    for (const row of rows) result.set(row.id, this.decrypt(row));
    return result;
  }

  private decrypt(row: Credential): LoadedCredential {
    const hasAccess = row.accessTokenCiphertext !== '' && row.accessTokenKeyId !== '';
    return {
      id: row.id,
      tenantId: row.tenantId,
      identityId: row.identityId,
      provider: row.provider,
      version: row.version,
      accessToken: hasAccess ? this.cipher.decrypt({ ciphertext: row.accessTokenCiphertext, keyId: row.accessTokenKeyId }) : null,
      refreshToken:
        row.refreshTokenCiphertext && row.refreshTokenKeyId
          ? this.cipher.decrypt({ ciphertext: row.refreshTokenCiphertext, keyId: row.refreshTokenKeyId })
          : null,
      accessTokenExpiresAt: row.accessTokenExpiresAt,
      refreshTokenExpiresAt: row.refreshTokenExpiresAt,
      dataAccessExpiresAt: row.dataAccessExpiresAt,
      issuedAt: row.issuedAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    };
  }

  /**
   * Live credentials of a provider whose refresh token passes `matches` (a RISC event may name a
   * token only by its prefix or hash). Decrypts in pages; the tokens never leave this method.
   */
  async findByRefreshToken(provider: Provider, matches: (refreshToken: string) => boolean): Promise<string[]> {
    const found: string[] = [];
    const repo = this.database.dataSource.getRepository(Credential);
    const pageSize = 500;
    for (let offset = 0; ; offset += pageSize) {
      const rows = await repo
        .createQueryBuilder('c')
        .where('c.provider = :provider AND c.revokedAt IS NULL AND c.refreshTokenCiphertext IS NOT NULL', { provider })
        .orderBy('c.id')
        .skip(offset)
        .take(pageSize)
        .getMany();
      for (const row of rows) {
        const token = this.decrypt(row).refreshToken;
        if (token !== null && matches(token)) found.push(row.id);
      }
      if (rows.length < pageSize) return found;
    }
  }

  /** Deletes the stored tokens of these credentials (wiped, revoked). */
  async deleteTokens(credentialIds: readonly string[], em?: EntityManager): Promise<void> {
    if (credentialIds.length === 0) return;
    await this.manager(em).query(
      `UPDATE credentials SET access_token_ciphertext = '', access_token_key_id = '', refresh_token_ciphertext = NULL,
         refresh_token_key_id = NULL, revoked_at = COALESCE(revoked_at, now()), updated_at = now()
       WHERE id = ANY($1::uuid[])`,
      [[...credentialIds]],
    );
  }

  /** Keeps a freshly refreshed access token (Google) and notes the successful use. */
  async storeAccessToken(credentialId: string, accessToken: string, expiresAt: Date | null): Promise<void> {
    const access = this.cipher.encrypt(accessToken);
    await this.database.dataSource.query(
      `UPDATE credentials SET access_token_ciphertext = $2, access_token_key_id = $3, access_token_expires_at = $4,
         last_used_at = now(), updated_at = now()
       WHERE id = $1 AND access_token_ciphertext <> ''`,
      [credentialId, access.ciphertext, access.keyId, expiresAt],
    );
  }

  /** Revokes the credential in our records (the provider is not asked). */
  async revoke(credentialId: string, em?: EntityManager): Promise<void> {
    await this.manager(em).query('UPDATE credentials SET revoked_at = now(), updated_at = now() WHERE id = $1 AND revoked_at IS NULL', [
      credentialId,
    ]);
  }

  /**
   * Deletes the stored tokens of every credential of an identity (the provider said they are dead,
   * or the person asked for their data to be deleted): ciphertexts wiped, credentials revoked.
   * Returns how many credentials were wiped.
   */
  async deleteTokensOfIdentity(identityId: string, em?: EntityManager): Promise<number> {
    const rows = await sqlRows(this.manager(em), 
      `UPDATE credentials SET access_token_ciphertext = '', access_token_key_id = '', refresh_token_ciphertext = NULL,
         refresh_token_key_id = NULL, revoked_at = COALESCE(revoked_at, now()), updated_at = now()
       WHERE identity_id = $1 AND access_token_ciphertext <> '' RETURNING id`,
      [identityId],
    );
    return rows.length;
  }
}
