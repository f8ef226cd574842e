import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'A support-staff member.' })
export class StaffMember {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  email: string;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime, { nullable: true })
  disabledAt: Date | null;
}

@ObjectType({ description: 'A new staff token: `token` is shown only here, once.' })
export class StaffToken {
  @Field({ description: 'Bearer token (`rls_…`); Relink keeps only its hash.' })
  token: string;

  @Field(() => StaffMember)
  staff: StaffMember;
}
