import type { IntegrationStatus, InvalidationCause } from '@relink/core';
import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** Append-only history of an integration (UPDATE is refused by a trigger). */
@Entity({ name: 'integration_events' })
export class IntegrationEvent extends BaseEntity {
  @Column({ name: 'integration_id', type: 'uuid' })
  integrationId!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** Lower-case dotted/underscored, e.g. `status_changed`, `checked`, `reauthorized`. */
  @Column({ type: 'text' })
  type!: string;

  /** Status after the event. */
  @Column({ type: 'text' })
  status!: IntegrationStatus;

  @Column({ type: 'text', nullable: true })
  cause!: InvalidationCause | null;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;
}
