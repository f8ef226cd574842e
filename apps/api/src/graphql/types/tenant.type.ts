import { Field, ID, ObjectType } from 'type-graphql';
import { connectionOf } from './connection.js';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'A customer of Relink: a host app and everything it connected.' })
export class Tenant {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => DateTime)
  createdAt: Date;
}

export const TenantConnection = connectionOf(Tenant, 'Tenant');
