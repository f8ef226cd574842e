import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'A tenant API key as it can be seen again: never the key itself.' })
export class ApiKey {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  name: string;

  @Field({ description: 'The first characters of the key, to tell keys apart (e.g. `rlk_live_3fA8`).' })
  prefix: string;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime, { nullable: true, description: 'Last use, to the minute.' })
  lastUsedAt: Date | null;

  @Field(() => DateTime, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType({ description: 'A new API key: `apiKey` is shown only here, once.' })
export class ApiKeyWithSecret {
  @Field({ description: 'The key (`rlk_live_…`); Relink keeps only its hash.' })
  apiKey: string;

  @Field(() => ApiKey)
  key: ApiKey;
}
