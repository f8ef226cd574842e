import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A support-staff member; authenticates with a bearer token whose sha256 is stored. */
@Entity({ name: 'staff_users' })
export class StaffUser extends BaseEntity {
  @Column({ type: 'text' })
  name!: string;

  /** Unique case-insensitively (index on lower(email)). */
  @Column({ type: 'text' })
  email!: string;

  /** Hex sha256 of the bearer token. */
  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
