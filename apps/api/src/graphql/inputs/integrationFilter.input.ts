import type { IntegrationStatus, InvalidationCause, Provider } from '@relink/core';
import { Field, ID, InputType } from 'type-graphql';
import { IntegrationStatusEnum, InvalidationCauseEnum, ProviderEnum } from '../types/enums.js';

@InputType({ description: 'All given conditions must hold.' })
export class IntegrationFilter {
  @Field(() => ID, { nullable: true, description: 'Staff: one tenant. Tenant keys and widgets may only pass their own.' })
  tenantId?: string | null;

  @Field(() => ProviderEnum, { nullable: true })
  provider?: Provider | null;

  @Field(() => [IntegrationStatusEnum], { nullable: true, description: 'Any of these statuses.' })
  status?: IntegrationStatus[] | null;

  @Field(() => InvalidationCauseEnum, { nullable: true })
  cause?: InvalidationCause | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or the external account id.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those authorized by this provider identity (a person; see blastRadius).' })
  identityId?: string | null;
}
