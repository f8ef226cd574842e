import type { IntegrationStatus, InvalidationCause } from '@relink/core';

/** The NOTIFY channel every committed status change is published on (all API processes listen). */
export const STATUS_CHANNEL = 'relink_status_changed';

export interface StatusChangeNotice {
  integrationId: string;
  tenantId: string;
  status: IntegrationStatus;
  cause: InvalidationCause | null;
  version: number;
  at: string;
}

export function parseStatusChangeNotice(payload: string): StatusChangeNotice | null {
  try {
    const value = JSON.parse(payload) as Partial<StatusChangeNotice>;
    if (typeof value.integrationId !== 'string' || typeof value.tenantId !== 'string' || typeof value.version !== 'number') return null;
    return value as StatusChangeNotice;
  } catch {
    return null;
  }
}
