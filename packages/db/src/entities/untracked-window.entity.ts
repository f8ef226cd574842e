import type { InvalidationCause } from '@relink/core';
import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A stretch of time with no data tracked. At most one open window (`endedAt` NULL) per integration. */
@Entity({ name: 'untracked_windows' })
@Index('untracked_windows_one_open_idx', ['integrationId'], { unique: true, where: 'ended_at IS NULL' })
export class UntrackedWindow extends BaseEntity {
  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cause!: InvalidationCause | null;
}
