import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'A short-lived token for the widget on one origin. `token` is only in createWidgetSession\'s answer.' })
export class WidgetSession {
  @Field({ description: 'Bearer token for <relink-banner session-token>. Empty in listings.' })
  token: string;

  @Field(() => DateTime)
  expiresAt: Date;

  @Field(() => ID)
  id: string;

  @Field({ description: 'The only origin the token is accepted from.' })
  allowedOrigin: string;

  @Field(() => DateTime, { nullable: true })
  revokedAt: Date | null;
}
