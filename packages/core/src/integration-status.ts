/**
 * HEALTHY: tracking. EXPIRING_SOON: tracking, but the credential's lifetime ends within the window.
 * EXPIRED: the lifetime ran out. REVOKED: invalidated before its time. Both need a person to reauthorize.
 * UNREACHABLE: the provider kept failing transiently; the token may well be fine. DISCONNECTED: removed on purpose.
 */
export type IntegrationStatus = 'HEALTHY' | 'EXPIRING_SOON' | 'EXPIRED' | 'REVOKED' | 'UNREACHABLE' | 'DISCONNECTED';

export const INTEGRATION_STATUSES: readonly IntegrationStatus[] = Object.freeze([
  'HEALTHY',
  'EXPIRING_SOON',
  'EXPIRED',
  'REVOKED',
  'UNREACHABLE',
  'DISCONNECTED',
] as const);

export function isIntegrationStatus(x: unknown): x is IntegrationStatus {
  return typeof x === 'string' && (INTEGRATION_STATUSES as readonly string[]).includes(x);
}

/** EXPIRED and REVOKED stop tracking until a person consents again. */
export function needsReauthorization(status: IntegrationStatus): boolean {
  return status === 'EXPIRED' || status === 'REVOKED';
}
