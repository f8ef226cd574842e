import { needsReauthorization, type IntegrationStatus, type InvalidationCause, type Provider } from '@relink/core';
import type { Integration } from '@relink/db';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from './connection.js';
import { IntegrationStatusEnum, ProviderEnum } from './enums.js';
import { DateTime } from './scalars.js';

/**
 * One ad account of one tenant, as the API shows it (never credentials). `cause`, `untrackedWindows`,
 * `untrackedSeconds`, `events`, `authorizedBy` and `tenant` are resolved in IntegrationFieldsResolver.
 */
@ObjectType('Integration', { description: 'One ad account of one tenant and the health of its token.' })
export class IntegrationType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ProviderEnum)
  provider: Provider;

  @Field({ description: 'The provider\'s ad account id (Facebook `act_…`, Google customer id).' })
  externalAccountId: string;

  @Field()
  name: string;

  @Field(() => IntegrationStatusEnum)
  status: IntegrationStatus;

  @Field({ description: 'True when EXPIRED or REVOKED: a person must consent again.' })
  needsReauthorization: boolean;

  @Field(() => DateTime)
  statusChangedAt: Date;

  @Field(() => DateTime, { nullable: true })
  tokenExpiresAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Facebook: when data access ends unless the user comes back (90 days).' })
  dataAccessExpiresAt: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastCheckedAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When the monitor checks next; null when not scheduled.' })
  nextCheckAt: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Start of the open untracked window, if any.' })
  untrackedSince: Date | null;

  @Field(() => DateTime, { nullable: true })
  disconnectedAt: Date | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => Int, { description: 'Bumped on every status change (for clients that cache).' })
  statusVersion: number;

  /** Not exposed: read by field resolvers. */
  cause: InvalidationCause | null;
  identityId: string | null;
}

export function toIntegrationType(row: Integration): IntegrationType {
  return {
    id: row.id,
    tenantId: row.tenantId,
    provider: row.provider,
    externalAccountId: row.externalAccountId,
    name: row.name,
    status: row.status,
    needsReauthorization: needsReauthorization(row.status),
    statusChangedAt: row.statusChangedAt,
    tokenExpiresAt: row.tokenExpiresAt,
    dataAccessExpiresAt: row.dataAccessExpiresAt,
    lastCheckedAt: row.lastCheckedAt,
    nextCheckAt: row.nextCheckAt,
    untrackedSince: row.untrackedSince,
    disconnectedAt: row.disconnectedAt,
    createdAt: row.createdAt,
    statusVersion: row.statusVersion,
    cause: row.cause,
    identityId: row.identityId,
  };
}

export const IntegrationConnection = connectionOf(IntegrationType, 'Integration');
