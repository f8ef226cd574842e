import type { Provider } from '@relink/core';
import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A pushed security event already handled (RISC `jti`, hash of a deauthorize request): insert-or-skip to deduplicate. */
@Entity({ name: 'seen_security_events' })
@Unique('seen_security_events_provider_dedupe_key_key', ['provider', 'dedupeKey'])
export class SeenSecurityEvent extends BaseEntity {
  @Column({ type: 'text' })
  provider!: Provider;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
