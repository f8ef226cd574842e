const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a PostgreSQL schema name (lower-case identifier, ≤ 63 chars) and returns it quoted. */
export function quoteSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Invalid database schema name "${schema}": use lower-case letters, digits and "_", starting with a letter or "_", at most 63 characters`,
    );
  }
  return `"${schema}"`;
}
