import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A tenant's API key. Only `sha256(key)` is stored, plus a short visible prefix to tell keys apart. */
@Entity({ name: 'api_keys' })
export class ApiKey extends BaseEntity {
  @Index()
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** First characters of the key as shown to people (e.g. `rlk_3fa8`). */
  @Column({ type: 'text' })
  prefix!: string;

  /** Hex sha256 of the whole key. */
  @Column({ name: 'key_hash', type: 'text', unique: true })
  keyHash!: string;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
