import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

export type AuditActorKind = 'STAFF' | 'TENANT' | 'WIDGET' | 'SYSTEM';

/** Append-only record of who did what (UPDATE is refused by a trigger; no FK so it outlives tenants). */
@Entity({ name: 'audit_log' })
export class AuditLogEntry extends BaseEntity {
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: AuditActorKind;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: string | null;

  /** e.g. `integration.recheck`, `tenant.create`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;
}
