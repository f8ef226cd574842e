import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity.js';

/** A tenant's outgoing-webhook target; the `whsec_` secret is stored encrypted (TokenCipher). */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpoint extends BaseEntity {
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  @Column({ name: 'secret_key_id', type: 'text' })
  secretKeyId!: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
