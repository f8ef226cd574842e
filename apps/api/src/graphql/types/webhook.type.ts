import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from './scalars.js';

@ObjectType({ description: 'Where a tenant receives `integration.status_changed` events (Standard Webhooks).' })
export class WebhookEndpoint {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => String, { nullable: true, description: 'The `whsec_…` signing secret: only in registerWebhook\'s answer, null on every later read.' })
  secret: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime, { nullable: true })
  disabledAt: Date | null;
}

@ObjectType({ description: 'One message to one endpoint and its delivery state.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  endpointId: string;

  @Field({ description: 'The endpoint\'s URL: where it was (or is being) sent.' })
  endpointUrl: string;

  @Field({ description: 'The `webhook-id` header value (idempotency key for the receiver).' })
  webhookId: string;

  @Field()
  eventType: string;

  @Field(() => GraphQLJSONObject, { description: 'The JSON body sent.' })
  payload: Record<string, unknown>;

  @Field({ description: 'pending | delivered | failed' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => DateTime, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => DateTime, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => DateTime)
  createdAt: Date;
}
