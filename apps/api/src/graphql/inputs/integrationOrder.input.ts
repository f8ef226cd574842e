import { Field, InputType } from 'type-graphql';
import type { IntegrationOrderField, OrderDirection } from '../integrationOrder.js';
import { IntegrationOrderFieldEnum, OrderDirectionEnum } from '../types/enums.js';

@InputType({ description: 'How to sort a list of integrations. A page cursor only continues the order it came from.' })
export class IntegrationOrder {
  @Field(() => IntegrationOrderFieldEnum)
  field: IntegrationOrderField;

  @Field(() => OrderDirectionEnum, { defaultValue: 'ASC' })
  direction: OrderDirection;
}
