import type { CauseInfo, Provider, ProviderIdentity, WidgetIntegration } from './integration.js';

/** Integrations that need the user's consent again; one consent fixes all of them. */
export interface ReauthBanner {
  kind: 'reauth';
  /** Stable for the group (identity + cause, or the integration id): keys pending refreshes. */
  key: string;
  /** Changes whenever the invalidation does: keys dismissals and announcements. */
  fingerprint: string;
  provider: Provider;
  integrations: WidgetIntegration[];
  cause: CauseInfo | null;
  identity: ProviderIdentity | null;
  /** Earliest start of the open untracked windows, if any. */
  untrackedSince: string | null;
}

/** Tokens that will expire soon; a refresh now avoids a gap. */
export interface ExpiringBanner {
  kind: 'expiring';
  key: string;
  fingerprint: string;
  provider: Provider;
  integrations: WidgetIntegration[];
  identity: ProviderIdentity | null;
  /** Earliest `tokenExpiresAt` in the group. */
  expiresAt: string | null;
}

/** The provider could not be asked; Relink keeps checking, nothing to do yet. */
export interface CheckingBanner {
  kind: 'checking';
  key: string;
  fingerprint: string;
  provider: Provider;
  integrations: WidgetIntegration[];
}

export type Banner = ReauthBanner | ExpiringBanner | CheckingBanner;

function identityKey(identity: ProviderIdentity | null): string | null {
  return identity ? `${identity.provider}:${identity.externalUserId}` : null;
}

function fingerprintOf(kind: Banner['kind'], integrations: WidgetIntegration[]): string {
  const parts = integrations.map((i) => `${i.id}@${i.statusChangedAt}`).sort();
  return `${kind}:${parts.join(',')}`;
}

function earliest(values: Array<string | null>): string | null {
  let best: string | null = null;
  for (const value of values) {
    if (value !== null && (best === null || Date.parse(value) < Date.parse(best))) best = value;
  }
  return best;
}

function groupBy(integrations: WidgetIntegration[], keyOf: (i: WidgetIntegration) => string): Map<string, WidgetIntegration[]> {
  const groups = new Map<string, WidgetIntegration[]>();
  for (const integration of integrations) {
    const key = keyOf(integration);
    const group = groups.get(key);
    if (group) group.push(integration);
    else groups.set(key, [integration]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return groups;
}

function firstOf(group: WidgetIntegration[]): WidgetIntegration {
  const first = group[0];
  if (!first) throw new Error('empty banner group');
  return first;
}

/**
 * Turns the integrations into banners: one per integration that needs reauthorization, merged
 * when several share the authorizing identity and the cause (one consent fixes them all); one
 * expiring-soon notice per identity; one calm "checking" notice per provider for UNREACHABLE.
 * Order: security-related first, then the longest untracked, then expiring, then checking.
 */
export function buildBanners(integrations: Iterable<WidgetIntegration>): Banner[] {
  const reauth: WidgetIntegration[] = [];
  const expiring: WidgetIntegration[] = [];
  const checking: WidgetIntegration[] = [];
  for (const integration of integrations) {
    if (integration.needsReauthorization) reauth.push(integration);
    else if (integration.status === 'EXPIRING_SOON') expiring.push(integration);
    else if (integration.status === 'UNREACHABLE') checking.push(integration);
  }

  const reauthBanners: ReauthBanner[] = [];
  const byIdentityAndCause = groupBy(reauth, (i) => {
    const identity = identityKey(i.authorizedBy);
    return identity && i.cause ? `reauth:${identity}|${i.cause.code}` : `reauth:id:${i.id}`;
  });
  for (const [key, group] of byIdentityAndCause) {
    const first = firstOf(group);
    reauthBanners.push({
      kind: 'reauth',
      key,
      fingerprint: fingerprintOf('reauth', group),
      provider: first.provider,
      integrations: group,
      cause: first.cause,
      identity: first.authorizedBy,
      untrackedSince: earliest(group.map((i) => i.untrackedSince)),
    });
  }
  reauthBanners.sort((a, b) => {
    const security = Number(b.cause?.securityRelated ?? false) - Number(a.cause?.securityRelated ?? false);
    if (security !== 0) return security;
    const since = (banner: ReauthBanner) => (banner.untrackedSince ? Date.parse(banner.untrackedSince) : Number.POSITIVE_INFINITY);
    return since(a) - since(b) || a.key.localeCompare(b.key);
  });

  const expiringBanners: ExpiringBanner[] = [];
  for (const [key, group] of groupBy(expiring, (i) => `expiring:${identityKey(i.authorizedBy) ?? `id:${i.id}`}`)) {
    const first = firstOf(group);
    expiringBanners.push({
      kind: 'expiring',
      key,
      fingerprint: fingerprintOf('expiring', group),
      provider: first.provider,
      integrations: group,
      identity: first.authorizedBy,
      expiresAt: earliest(group.map((i) => i.tokenExpiresAt)),
    });
  }
  expiringBanners.sort((a, b) => Date.parse(a.expiresAt ?? '9999') - Date.parse(b.expiresAt ?? '9999') || a.key.localeCompare(b.key));

  const checkingBanners: CheckingBanner[] = [];
  for (const [key, group] of groupBy(checking, (i) => `checking:${i.provider}`)) {
    checkingBanners.push({
      kind: 'checking',
      key,
      fingerprint: fingerprintOf('checking', group),
      provider: firstOf(group).provider,
      integrations: group,
    });
  }
  checkingBanners.sort((a, b) => a.key.localeCompare(b.key));

  return [...reauthBanners, ...expiringBanners, ...checkingBanners];
}
