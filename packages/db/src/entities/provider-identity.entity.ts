import type { Provider } from '@relink/core';
import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** The person who authorized, as the provider knows them. Global across tenants: an agency login shared by several tenants is one row. */
@Entity({ name: 'provider_identities' })
@Unique('provider_identities_provider_external_user_id_key', ['provider', 'externalUserId'])
export class ProviderIdentity extends BaseEntity {
  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ name: 'external_user_id', type: 'text' })
  externalUserId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;
}
