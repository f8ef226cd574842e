import { Field, Int, ObjectType } from 'type-graphql';
import { ProviderIdentityType } from './providerIdentity.type.js';

@ObjectType('IdentityExposure', { description: 'How much breaks when one person\'s provider access dies.' })
export class IdentityExposureType {
  @Field(() => ProviderIdentityType)
  identity: ProviderIdentityType;

  @Field(() => Int, { description: 'Integrations (not disconnected) this identity authorized.' })
  integrationCount: number;

  @Field(() => Int, { description: 'Tenants among them (a tenant\'s own view counts only itself).' })
  tenantCount: number;

  @Field({ description: 'One personal account connected for many clients: worth replacing by a system user.' })
  agencyPattern: boolean;
}
