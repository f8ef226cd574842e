import type { CauseInfo, Provider, ProviderIdentity, WidgetIntegration } from './integration.js';

/**
 * `reauth`: integrations that need the user's consent again (one consent fixes all of them);
 * `expiring`: tokens that expire soon (a refresh now avoids a gap); `checking`: the provider could
 * not be asked, Relink keeps checking, nothing to do yet; `success`: just reconnected (shown
 * briefly; made by the element from a resolved `reauth` banner, never by `buildBanners`).
 */
export type BannerKind = 'reauth' | 'expiring' | 'checking' | 'success';

export interface Banner {
  kind: BannerKind;
  /** Stable for the group (kind + identity + cause, or the integration id): keys pending refreshes. */
  key: string;
  /** Changes whenever the invalidation does: keys dismissals and announcements. */
  fingerprint: string;
  provider: Provider;
  /** The integrations in the banner, sorted by name. */
  members: WidgetIntegration[];
  /** The shared cause (`reauth` only). */
  cause: CauseInfo | null;
  /** Whose consent fixes the group (null for `checking` and for integrations without one). */
  identity: ProviderIdentity | null;
  /** `reauth`: earliest start of the open untracked windows; `expiring`: earliest `tokenExpiresAt`. */
  since: string | null;
}

const RANK: Record<BannerKind, number> = { reauth: 0, expiring: 1, checking: 2, success: 3 };

/** Which banner an integration belongs in; null when it shows none (HEALTHY, DISCONNECTED). */
export function bannerKind({ needsReauthorization, status }: WidgetIntegration): BannerKind | null {
  return needsReauthorization ? 'reauth' : status === 'EXPIRING_SOON' ? 'expiring' : status === 'UNREACHABLE' ? 'checking' : null;
}

function time(iso: string | null): number {
  return iso ? Date.parse(iso) : Infinity;
}

/**
 * Turns the integrations into banners: one per integration that needs reauthorization, merged
 * when several share the authorizing identity and the cause (one consent fixes them all); one
 * expiring-soon notice per identity; one calm "checking" notice per provider for UNREACHABLE.
 * Order: security-related first, then the longest untracked, then expiring (soonest first), then checking.
 */
export function buildBanners(integrations: Iterable<WidgetIntegration>): Banner[] {
  const banners = new Map<string, Banner>();
  for (const integration of integrations) {
    const { id, provider, authorizedBy, cause } = integration;
    const kind = bannerKind(integration);
    if (!kind) continue;
    const identity = kind === 'checking' ? null : authorizedBy;
    const who = identity && `${identity.provider}:${identity.externalUserId}`;
    const key =
      kind === 'checking'
        ? `checking:${provider}`
        : kind === 'expiring'
          ? `expiring:${who ?? `id:${id}`}`
          : who && cause
            ? `reauth:${who}|${cause.code}`
            : `reauth:id:${id}`;
    const since = kind === 'reauth' ? integration.untrackedSince : kind === 'expiring' ? integration.tokenExpiresAt : null;
    const banner = banners.get(key);
    if (!banner) {
      banners.set(key, { kind, key, fingerprint: '', provider, members: [integration], cause: kind === 'reauth' ? cause : null, identity, since });
      continue;
    }
    banner.members.push(integration);
    if (time(since) < time(banner.since)) banner.since = since;
  }
  const list = [...banners.values()];
  for (const banner of list) {
    banner.members.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    banner.fingerprint = `${banner.kind}:${banner.members.map((i) => `${i.id}@${i.statusChangedAt}`).sort().join()}`;
  }
  return list.sort(
    (a, b) =>
      RANK[a.kind] - RANK[b.kind] ||
      Number(!!b.cause?.securityRelated) - Number(!!a.cause?.securityRelated) ||
      time(a.since) - time(b.since) ||
      a.key.localeCompare(b.key),
  );
}
