import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A short-lived widget token bound to one origin; only its sha256 is stored. */
@Entity({ name: 'widget_sessions' })
export class WidgetSession extends BaseEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  /** An origin: scheme://host[:port], no path. */
  @Column({ name: 'allowed_origin', type: 'text' })
  allowedOrigin!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
