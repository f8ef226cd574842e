import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A customer of Relink: a host app and everything it connected.' })
export class Tenant {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}
