import type { Provider } from '@relink/core';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/**
 * One grant of tokens from an identity to a tenant. Tokens are stored only as TokenCipher output
 * (ciphertext + key id). At most one live (not revoked) credential per (tenant, identity, provider);
 * each reauthorization adds the next `version`.
 */
@Entity({ name: 'credentials' })
@Index('credentials_one_live_idx', ['tenantId', 'identityId', 'provider'], { unique: true, where: 'revoked_at IS NULL' })
export class Credential extends BaseEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'identity_id', type: 'uuid' })
  identityId!: string;

  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'access_token_ciphertext', type: 'text' })
  accessTokenCiphertext!: string;

  @Column({ name: 'access_token_key_id', type: 'text' })
  accessTokenKeyId!: string;

  @Column({ name: 'refresh_token_ciphertext', type: 'text', nullable: true })
  refreshTokenCiphertext!: string | null;

  @Column({ name: 'refresh_token_key_id', type: 'text', nullable: true })
  refreshTokenKeyId!: string | null;

  @Column({ name: 'access_token_expires_at', type: 'timestamptz', nullable: true })
  accessTokenExpiresAt!: Date | null;

  @Column({ name: 'refresh_token_expires_at', type: 'timestamptz', nullable: true })
  refreshTokenExpiresAt!: Date | null;

  @Column({ name: 'data_access_expires_at', type: 'timestamptz', nullable: true })
  dataAccessExpiresAt!: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
