import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ViewerResolver } from './resolvers/viewer.resolver.js';

export const RESOLVERS = [ViewerResolver] as const;

export function buildRelinkSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...RESOLVERS], validate: false });
}
