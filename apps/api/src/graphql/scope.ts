import { badInput, forbidden, unauthenticated } from './errors.js';
import type { Viewer } from './viewer.js';

/**
 * The tenant a read or write is limited to. Staff: the one asked for, or undefined (every tenant).
 * Tenant keys and widgets: always their own; asking for another tenant is FORBIDDEN.
 */
export function tenantScope(viewer: Viewer, requested?: string | null): string | undefined {
  switch (viewer.kind) {
    case 'STAFF':
      return requested ?? undefined;
    case 'TENANT':
    case 'WIDGET':
      if (requested && requested !== viewer.tenantId) throw forbidden('This token can only see its own tenant.');
      return viewer.tenantId;
    case 'ANONYMOUS':
      throw unauthenticated();
  }
}

/** For writes that belong to exactly one tenant: staff must name it, others get their own. */
export function requiredTenant(viewer: Viewer, requested?: string | null, field = 'tenantId'): string {
  const tenantId = tenantScope(viewer, requested);
  if (!tenantId) throw badInput(`Staff must pass ${field} to say which tenant this is for.`, field);
  return tenantId;
}

/** Whether the viewer may see a row of `tenantId`. */
export function canSeeTenant(viewer: Viewer, tenantId: string): boolean {
  if (viewer.kind === 'STAFF') return true;
  if (viewer.kind === 'TENANT' || viewer.kind === 'WIDGET') return viewer.tenantId === tenantId;
  return false;
}
