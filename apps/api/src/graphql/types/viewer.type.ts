import { Field, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';
import { Tenant } from './tenant.type.js';

@ObjectType('Viewer', { description: 'Who the current token belongs to.' })
export class ViewerType {
  @Field({ description: 'ANONYMOUS | TENANT | WIDGET | STAFF' })
  kind: string;

  @Field(() => Tenant, { nullable: true, description: 'The tenant a tenant key or widget session is bound to.' })
  tenant: Tenant | null;

  @Field(() => String, { nullable: true, description: 'Staff only: the staff member\'s name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Widget only: the origin this session is valid on.' })
  allowedOrigin?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Widget only: when this session stops working.' })
  expiresAt?: Date | null;
}
