import { INTEGRATION_STATUSES, INVALIDATION_CAUSES, PROVIDERS, type IntegrationStatus, type InvalidationCause, type Provider } from '@relink/core';
import { registerEnumType } from 'type-graphql';
import { INTEGRATION_ORDER_FIELDS, ORDER_DIRECTIONS, type IntegrationOrderField, type OrderDirection } from '../integrationOrder.js';

const asEnum = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

/** GraphQL enums built from core's lists, so the API can never drift from the domain. */
export const ProviderEnum = asEnum<Provider>(PROVIDERS);
export const IntegrationStatusEnum = asEnum<IntegrationStatus>(INTEGRATION_STATUSES);
export const InvalidationCauseEnum = asEnum<InvalidationCause>(INVALIDATION_CAUSES);
export const IntegrationOrderFieldEnum = asEnum<IntegrationOrderField>(INTEGRATION_ORDER_FIELDS);
export const OrderDirectionEnum = asEnum<OrderDirection>(ORDER_DIRECTIONS);

registerEnumType(ProviderEnum, { name: 'Provider', description: 'An ad platform Relink keeps integrations alive for.' });
registerEnumType(IntegrationStatusEnum, { name: 'IntegrationStatus', description: 'EXPIRED and REVOKED need a person to reauthorize.' });
registerEnumType(InvalidationCauseEnum, { name: 'InvalidationCause', description: 'Why a provider stopped accepting a token.' });
registerEnumType(IntegrationOrderFieldEnum, {
  name: 'IntegrationOrderField',
  description: 'What integrations can be sorted by; ties are broken by id.',
  valuesConfig: {
    CREATED_AT: { description: 'When it was connected (the default).' },
    NAME: { description: 'The account name, case-insensitive.' },
    STATUS_CHANGED_AT: { description: 'When its status last changed.' },
    UNTRACKED_SINCE: { description: 'When its open untracked window started; integrations being tracked come last in both directions.' },
  },
});
registerEnumType(OrderDirectionEnum, { name: 'OrderDirection', description: 'ASC: smallest (oldest, A) first; DESC: largest first.' });
