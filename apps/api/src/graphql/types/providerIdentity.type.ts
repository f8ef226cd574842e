import type { Provider } from '@relink/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ProviderEnum } from './enums.js';

@ObjectType('ProviderIdentity', { description: 'The person (provider account) who authorized an integration.' })
export class ProviderIdentityType {
  @Field(() => ID)
  id: string;

  @Field(() => ProviderEnum)
  provider: Provider;

  @Field({ description: 'The provider\'s user id.' })
  externalUserId: string;

  @Field()
  name: string;
}
