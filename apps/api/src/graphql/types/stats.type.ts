import type { InvalidationCause } from '@relink/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { InvalidationCauseEnum } from './enums.js';
import { Tenant } from './tenant.type.js';

@ObjectType({ description: 'Invalidations that began on one UTC day with one cause.' })
export class InvalidationDayCount {
  @Field({ description: 'UTC day, YYYY-MM-DD.' })
  day: string;

  @Field(() => InvalidationCauseEnum)
  cause: InvalidationCause;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Untracked seconds on one UTC day, summed over integrations.' })
export class UntrackedDay {
  @Field({ description: 'UTC day, YYYY-MM-DD.' })
  day: string;

  @Field(() => Int)
  seconds: number;
}

@ObjectType({ description: 'One tenant\'s untracked time over a period.' })
export class TenantUntracked {
  @Field(() => ID)
  tenantId: string;

  @Field(() => Tenant, { nullable: true })
  tenant: Tenant | null;

  @Field(() => Int)
  untrackedSeconds: number;

  @Field(() => Int, { description: 'Integrations of this tenant untracked right now.' })
  brokenCount: number;
}
