import { Field, ObjectType } from 'type-graphql';
import { ApiKey } from './apiKey.type.js';
import { Tenant } from './tenant.type.js';

@ObjectType({ description: 'A new tenant and its first API key; the key is shown only here, once.' })
export class TenantWithApiKey {
  @Field(() => Tenant)
  tenant: Tenant;

  @Field({ description: 'The key (`rlk_live_…`) for the host app\'s backend.' })
  apiKey: string;

  @Field(() => ApiKey, { description: 'The key\'s record (prefix, dates), as later listings show it.' })
  key: ApiKey;
}
