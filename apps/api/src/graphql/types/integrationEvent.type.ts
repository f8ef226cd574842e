import type { IntegrationStatus, InvalidationCause } from '@relink/core';
import { Field, ObjectType } from 'type-graphql';
import { IntegrationStatusEnum, InvalidationCauseEnum } from './enums.js';
import { DateTime } from './scalars.js';

@ObjectType('IntegrationEvent', { description: 'One entry in an integration\'s history.' })
export class IntegrationEventType {
  @Field(() => DateTime)
  at: Date;

  @Field({ description: 'e.g. `checked`, `security_event`, `reauthorized`, `disconnected`.' })
  type: string;

  @Field(() => IntegrationStatusEnum, { description: 'Status after the event.' })
  status: IntegrationStatus;

  @Field(() => InvalidationCauseEnum, { nullable: true })
  cause: InvalidationCause | null;

  @Field(() => String, { nullable: true, description: 'Who or what caused it, e.g. `monitor`, `staff:<id>`, `provider:google-risc`.' })
  actor: string | null;
}
