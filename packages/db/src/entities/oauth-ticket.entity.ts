import type { Provider } from '@relink/core';
import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

export type OAuthTicketKind = 'connect' | 'reauthorize';

/**
 * A one-time, short-lived permission to run one OAuth flow. Only hashes of the ticket token and of the
 * OAuth `state` are stored; the PKCE verifier must be sent later, so it is encrypted (TokenCipher).
 */
@Entity({ name: 'oauth_tickets' })
export class OAuthTicket extends BaseEntity {
  /** Hex sha256 of the ticket token in the start URL. */
  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ type: 'text' })
  kind!: OAuthTicketKind;

  /** Required for `reauthorize`. */
  @Column({ name: 'integration_id', type: 'uuid', nullable: true })
  integrationId!: string | null;

  @Column({ name: 'identity_id', type: 'uuid', nullable: true })
  identityId!: string | null;

  @Column({ name: 'return_to', type: 'text', nullable: true })
  returnTo!: string | null;

  @Column({ name: 'opener_origin', type: 'text', nullable: true })
  openerOrigin!: string | null;

  @Column({ type: 'text' })
  actor!: string;

  /** e.g. Facebook `auth_type=rerequest|reauthenticate`. */
  @Column({ name: 'auth_type', type: 'text', nullable: true })
  authType!: string | null;

  @Column({ name: 'pkce_verifier_ciphertext', type: 'text', nullable: true })
  pkceVerifierCiphertext!: string | null;

  @Column({ name: 'pkce_verifier_key_id', type: 'text', nullable: true })
  pkceVerifierKeyId!: string | null;

  /** Hex sha256 of the OAuth `state` sent to the provider. */
  @Column({ name: 'state_hash', type: 'text', nullable: true, unique: true })
  stateHash!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
