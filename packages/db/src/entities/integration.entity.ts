import type { IntegrationStatus, InvalidationCause, Provider } from '@relink/core';
import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/**
 * One ad account of one tenant. `status`/`cause` change only through the status road, which bumps
 * `statusVersion` (optimistic concurrency). Checks: HEALTHY has no cause; EXPIRED/REVOKED have one;
 * DISCONNECTED has no `nextCheckAt`.
 */
@Entity({ name: 'integrations' })
@Unique('integrations_tenant_provider_account_key', ['tenantId', 'provider', 'externalAccountId'])
export class Integration extends BaseEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ name: 'external_account_id', type: 'text' })
  externalAccountId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'HEALTHY' })
  status!: IntegrationStatus;

  @Column({ type: 'text', nullable: true })
  cause!: InvalidationCause | null;

  @Column({ name: 'status_version', type: 'integer', default: 0 })
  statusVersion!: number;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt!: Date | null;

  @Column({ name: 'data_access_expires_at', type: 'timestamptz', nullable: true })
  dataAccessExpiresAt!: Date | null;

  @Column({ name: 'last_checked_at', type: 'timestamptz', nullable: true })
  lastCheckedAt!: Date | null;

  /** Start of the open untracked window, mirrored here for listing without a join. */
  @Column({ name: 'untracked_since', type: 'timestamptz', nullable: true })
  untrackedSince!: Date | null;

  @Column({ name: 'consecutive_transient_failures', type: 'integer', default: 0 })
  consecutiveTransientFailures!: number;

  /** The provider identity that authorized it. */
  @Column({ name: 'identity_id', type: 'uuid', nullable: true })
  identityId!: string | null;

  @Column({ name: 'credential_id', type: 'uuid', nullable: true })
  credentialId!: string | null;

  @Column({ name: 'credential_version', type: 'integer', nullable: true })
  credentialVersion!: number | null;

  /** When the monitor should check next; NULL = not scheduled (always NULL once disconnected). */
  @Column({ name: 'next_check_at', type: 'timestamptz', nullable: true })
  nextCheckAt!: Date | null;

  @Column({ name: 'disconnected_at', type: 'timestamptz', nullable: true })
  disconnectedAt!: Date | null;
}
