import type { InvalidationCause } from '@relink/core';
import { Field, ObjectType } from 'type-graphql';
import { InvalidationCauseEnum } from './enums.js';

@ObjectType('CauseInfo', { description: 'Why a token stopped working, in plain words, and what to do.' })
export class CauseInfoType {
  @Field(() => InvalidationCauseEnum)
  code: InvalidationCause;

  @Field({ description: 'A short headline, e.g. for a banner.' })
  title: string;

  @Field({ description: 'What happened, for someone who runs ads.' })
  explanation: string;

  @Field({ description: 'What to do now.' })
  action: string;

  @Field({ description: 'How to keep it from happening again.' })
  prevention: string;

  @Field({ description: 'The cause may mean someone else got at the account: worth a second look.' })
  securityRelated: boolean;
}
