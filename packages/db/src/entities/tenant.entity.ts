import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A company using Relink; everything else belongs to one. */
@Entity({ name: 'tenants' })
export class Tenant extends BaseEntity {
  @Column({ type: 'text' })
  name!: string;
}
