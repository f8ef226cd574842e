import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const SCHEMA_FILE_HEADER = '# The GraphQL schema of @relink/api as built. Generated: pnpm --filter @relink/api run schema\n\n';

/** The SDL as committed in apps/api/schema.graphql: sorted, so it changes only when the schema does. */
export function printRelinkSchema(schema: GraphQLSchema): string {
  return `${SCHEMA_FILE_HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
