import { INTEGRATION_STATUSES, INVALIDATION_CAUSES, PROVIDERS, type IntegrationStatus, type InvalidationCause, type Provider } from '@relink/core';
import { registerEnumType } from 'type-graphql';

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

/** GraphQL enums built from core's lists, so the API can never drift from the domain. */
export const ProviderEnum = asEnum<Provider>(PROVIDERS);
export const IntegrationStatusEnum = asEnum<IntegrationStatus>(INTEGRATION_STATUSES);
export const InvalidationCauseEnum = asEnum<InvalidationCause>(INVALIDATION_CAUSES);

registerEnumType(ProviderEnum, { name: 'Provider', description: 'An ad platform Relink keeps integrations alive for.' });
registerEnumType(IntegrationStatusEnum, { name: 'IntegrationStatus', description: 'EXPIRED and REVOKED need a person to reauthorize.' });
registerEnumType(InvalidationCauseEnum, { name: 'InvalidationCause', description: 'Why a provider stopped accepting a token.' });
