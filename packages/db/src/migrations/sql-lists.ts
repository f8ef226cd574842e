/**
 * Allowed values for enum-like text columns, frozen into the migrations that use them.
 * Copied from CONTRACT.md on purpose (migrations never import @relink/core: a migration must
 * keep meaning what it meant when it ran). A test compares these with @relink/core's lists.
 */
export const PROVIDERS_1764200000000 = ['FACEBOOK', 'GOOGLE'];
export const STATUSES_1764200000000 = ['HEALTHY', 'EXPIRING_SOON', 'EXPIRED', 'REVOKED', 'UNREACHABLE', 'DISCONNECTED'];
export const CAUSES_1764200000000 = [
  'TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED', 'PASSWORD_CHANGED', 'PERMISSIONS_CHANGED', 'APP_DEAUTHORIZED',
  'SECURITY_CHECKPOINT', 'SESSION_INVALIDATED', 'ACCOUNT_DISABLED', 'ADMIN_POLICY', 'ACCESS_REVOKED',
  'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_LIMIT_EXCEEDED', 'UNKNOWN',
];

/** `'A', 'B'` for an `IN (…)` list (values are constants above, never user input). */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
}
