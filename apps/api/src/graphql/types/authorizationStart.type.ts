import { Field, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'Where to send the person to consent (open it in a popup or redirect); single use.' })
export class AuthorizationStart {
  @Field({ description: '`<RELINK>/auth/<provider>/start?ticket=…`' })
  url: string;

  @Field(() => DateTime, { description: 'The link stops working after this.' })
  expiresAt: Date;
}
