import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { connectionOf } from './connection.js';
import { DateTime } from './scalars.js';

@ObjectType('AuditLogEntry', { description: 'One recorded action: who, when, what, on which tenant and target.' })
export class AuditLogEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => DateTime)
  at: Date;

  @Field({ description: 'STAFF | TENANT | WIDGET | SYSTEM' })
  actorKind: string;

  @Field(() => String, { nullable: true, description: 'Staff id, API key id or widget session id.' })
  actorId: string | null;

  @Field(() => String, { nullable: true })
  actorName: string | null;

  @Field(() => ID, { nullable: true })
  tenantId: string | null;

  @Field()
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSONObject)
  detail: Record<string, unknown>;
}

export const AuditLogConnection = connectionOf(AuditLogEntryType, 'AuditLog');
