import type { IntegrationStatus } from '@relink/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { IntegrationStatusEnum } from './enums.js';

@ObjectType({ description: 'How many integrations have one status.' })
export class StatusCount {
  @Field(() => IntegrationStatusEnum)
  status: IntegrationStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Integrations by status for one tenant or (staff) all; `untrackedSeconds` is resolved on demand.' })
export class HealthSummary {
  @Field(() => Int)
  total: number;

  @Field(() => [StatusCount], { description: 'Every status, zero counts included.' })
  byStatus: StatusCount[];

  /** Not exposed: the tenant this summary is for (undefined = all). */
  scopeTenantId: string | undefined;
}
