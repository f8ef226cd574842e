import type { IntegrationStatus, InvalidationCause, Provider } from '../api/types.js';

export const STATUS_LABELS: Record<IntegrationStatus, string> = {
  HEALTHY: 'Healthy',
  EXPIRING_SOON: 'Expiring soon',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
  UNREACHABLE: 'Unreachable',
  DISCONNECTED: 'Disconnected',
};

export const PROVIDER_LABELS: Record<Provider, string> = { FACEBOOK: 'Facebook', GOOGLE: 'Google' };

/** Short names for charts and filters; the full copy (title, explanation, advice) comes from the API. */
export const CAUSE_LABELS: Record<InvalidationCause, string> = {
  TOKEN_EXPIRED: 'Token expired',
  DATA_ACCESS_EXPIRED: 'Data access expired',
  PASSWORD_CHANGED: 'Password changed',
  PERMISSIONS_CHANGED: 'Permissions changed',
  APP_DEAUTHORIZED: 'App removed',
  SECURITY_CHECKPOINT: 'Security checkpoint',
  SESSION_INVALIDATED: 'Session ended',
  ACCOUNT_DISABLED: 'Account disabled',
  ADMIN_POLICY: 'Admin policy',
  ACCESS_REVOKED: 'Access revoked',
  REFRESH_TOKEN_UNUSED: 'Unused 6 months',
  TESTING_APP_EXPIRY: 'Testing-app expiry',
  TOKEN_LIMIT_EXCEEDED: 'Token limit',
  UNKNOWN: 'Unknown',
};

/**
 * One colour per cause, each at least 3:1 against white (WCAG non-text contrast) and told apart
 * from its neighbours in a stacked bar; the legend names them in text as well.
 */
export const CAUSE_COLORS: Record<InvalidationCause, string> = {
  TOKEN_EXPIRED: '#8a6100',
  DATA_ACCESS_EXPIRED: '#b35900',
  PASSWORD_CHANGED: '#c62828',
  PERMISSIONS_CHANGED: '#6a1b9a',
  APP_DEAUTHORIZED: '#1565c0',
  SECURITY_CHECKPOINT: '#ad1457',
  SESSION_INVALIDATED: '#00796b',
  ACCOUNT_DISABLED: '#37474f',
  ADMIN_POLICY: '#4527a0',
  ACCESS_REVOKED: '#2e7d32',
  REFRESH_TOKEN_UNUSED: '#795548',
  TESTING_APP_EXPIRY: '#0277bd',
  TOKEN_LIMIT_EXCEEDED: '#5d4037',
  UNKNOWN: '#616161',
};

/** History row types (`integration_events.type`) in words. */
export function eventTypeLabel(type: string): string {
  const known: Record<string, string> = {
    connected: 'Connected',
    checked: 'Checked with the provider',
    recheck: 'Rechecked by staff',
    rechecked: 'Rechecked',
    security_event: 'Security event from the provider',
    reauthorized: 'Reauthorized',
    disconnected: 'Disconnected',
    expiry: 'Expiry reached',
    time_passed: 'Expiry re-evaluated',
    notification_sent: 'Notification sent',
    webhook_sent: 'Webhook sent',
  };
  return known[type] ?? type.replace(/[_.]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** `staff:<id>`, `monitor`, `provider:google-risc`, `tenant:<keyId>` → words a support person recognises. */
export function actorLabel(actor: string | null): string {
  if (!actor) return 'Relink';
  const [kind = '', rest = ''] = actor.split(':', 2);
  switch (kind) {
    case 'monitor':
      return 'Relink monitor';
    case 'staff':
      return rest === 'bootstrap' ? 'Support (bootstrap admin)' : `Support staff ${rest.slice(0, 8)}`;
    case 'tenant':
      return 'The customer\'s backend (API key)';
    case 'widget':
      return 'The customer, from the banner';
    case 'provider':
      return `The provider (${rest})`;
    case 'demo':
      return 'Demo data';
    default:
      return actor;
  }
}
