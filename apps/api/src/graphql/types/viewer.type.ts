import { Field, ObjectType } from 'type-graphql';
import { Tenant } from './tenant.type.js';

@ObjectType({ description: 'Who the current token belongs to.' })
export class ViewerType {
  @Field({ description: 'ANONYMOUS | TENANT | WIDGET | STAFF' })
  kind: string;

  @Field(() => Tenant, { nullable: true, description: 'The tenant a tenant key or widget session is bound to.' })
  tenant: Tenant | null;
}
