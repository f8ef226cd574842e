import type { InvalidationCause } from '@relink/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { InvalidationCauseEnum } from './enums.js';
import { DateTime } from './scalars.js';

@ObjectType('UntrackedWindow', { description: 'A stretch of time in which no ad data was tracked.' })
export class UntrackedWindowType {
  @Field(() => DateTime, { description: 'The best-known moment of invalidation.' })
  startedAt: Date;

  @Field(() => DateTime, { nullable: true, description: 'When a reauthorization (or disconnect) ended it; null while open.' })
  endedAt: Date | null;

  @Field(() => Int, { description: 'Length in whole seconds (open windows: until now).' })
  seconds: number;

  @Field(() => InvalidationCauseEnum, { nullable: true })
  cause: InvalidationCause | null;
}
