import type { Provider } from './provider.js';

/** The provider account (a person) that authorized integrations. */
export interface IdentityRef {
  provider: Provider;
  externalUserId: string;
  name: string;
}

export interface BlastRadiusInput {
  id: string;
  tenantId: string;
  identity: IdentityRef | null;
}

/** How much breaks when one identity's access dies (password reset, checkpoint, removal). */
export interface IdentityExposure {
  identity: IdentityRef;
  integrationCount: number;
  tenantCount: number;
  tenantIds: string[];
  /** One personal account connected for many clients: the agency anti-pattern worth fixing. */
  agencyPattern: boolean;
}

export const DEFAULT_AGENCY_TENANT_THRESHOLD = 3;

/**
 * Groups integrations by the identity that authorized them (provider + external user id).
 * Integrations without a known identity are left out. Sorted by tenantCount, then
 * integrationCount (both descending), then provider and user id for a stable order.
 */
export function blastRadius(
  integrations: readonly BlastRadiusInput[],
  options: { agencyTenantThreshold?: number } = {},
): IdentityExposure[] {
  const threshold = options.agencyTenantThreshold ?? DEFAULT_AGENCY_TENANT_THRESHOLD;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`blastRadius: agencyTenantThreshold must be a whole number ≥ 1, got ${threshold}`);
  }
  const groups = new Map<string, { identity: IdentityRef; integrationIds: Set<string>; tenantIds: Set<string> }>();
  for (const integration of integrations) {
    const identity = integration.identity;
    if (!identity) continue;
    const key = JSON.stringify([identity.provider, identity.externalUserId]);
    const group = groups.get(key) ?? { identity, integrationIds: new Set<string>(), tenantIds: new Set<string>() };
    group.integrationIds.add(integration.id);
    group.tenantIds.add(integration.tenantId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ identity, integrationIds, tenantIds }) => ({
      identity,
      integrationCount: integrationIds.size,
      tenantCount: tenantIds.size,
      tenantIds: [...tenantIds].sort(),
      agencyPattern: tenantIds.size >= threshold,
    }))
    .sort(
      (a, b) =>
        b.tenantCount - a.tenantCount ||
        b.integrationCount - a.integrationCount ||
        a.identity.provider.localeCompare(b.identity.provider) ||
        a.identity.externalUserId.localeCompare(b.identity.externalUserId),
    );
}
