/** An `Integration` as the contract fake stores and serves it (all contract fields the widget may read). */
export interface FakeIntegration {
  id: string;
  tenantId: string;
  provider: 'FACEBOOK' | 'GOOGLE';
  externalAccountId: string;
  name: string;
  status: 'HEALTHY' | 'EXPIRING_SOON' | 'EXPIRED' | 'REVOKED' | 'UNREACHABLE' | 'DISCONNECTED';
  needsReauthorization: boolean;
  cause: FakeCause | null;
  statusChangedAt: string;
  tokenExpiresAt: string | null;
  lastCheckedAt: string | null;
  untrackedSince: string | null;
  authorizedBy: { provider: 'FACEBOOK' | 'GOOGLE'; externalUserId: string; name: string } | null;
}

export interface FakeCause {
  code: string;
  title: string;
  explanation: string;
  action: string;
  securityRelated: boolean;
}

/** Realistic cause copy for fixtures (the real copy lives in @relink/core's `causeInfo`). */
export const FAKE_CAUSES = {
  PASSWORD_CHANGED: {
    code: 'PASSWORD_CHANGED',
    title: 'Password changed',
    explanation: 'The Facebook password of the person who connected this account was changed, which signs out every app.',
    action: 'Sign in again with Facebook to reconnect.',
    securityRelated: true,
  },
  TOKEN_EXPIRED: {
    code: 'TOKEN_EXPIRED',
    title: 'Access expired',
    explanation: 'The access token reached the end of its lifetime.',
    action: 'Refresh the token to resume tracking.',
    securityRelated: false,
  },
  ACCESS_REVOKED: {
    code: 'ACCESS_REVOKED',
    title: 'Access removed in Google',
    explanation: "Someone removed Relink's access in their Google account settings.",
    action: 'Sign in with Google again and allow access.',
    securityRelated: false,
  },
} satisfies Record<string, FakeCause>;

let counter = 0;

/** A HEALTHY Facebook integration with the given fields replaced. */
export function fakeIntegration(overrides: Partial<FakeIntegration> = {}): FakeIntegration {
  counter += 1;
  return {
    id: `int_${counter}`,
    tenantId: 'tenant_1',
    provider: 'FACEBOOK',
    externalAccountId: `act_${1000 + counter}`,
    name: `Ad account ${counter}`,
    status: 'HEALTHY',
    needsReauthorization: false,
    cause: null,
    statusChangedAt: new Date().toISOString(),
    tokenExpiresAt: null,
    lastCheckedAt: new Date().toISOString(),
    untrackedSince: null,
    authorizedBy: { provider: 'FACEBOOK', externalUserId: 'fb_user_1', name: 'Jane Doe' },
    ...overrides,
  };
}

/** A REVOKED/EXPIRED integration needing reauthorization for `cause`, untracked for `untrackedMinutes`. */
export function fakeBrokenIntegration(
  cause: FakeCause,
  untrackedMinutes: number,
  overrides: Partial<FakeIntegration> = {},
): FakeIntegration {
  const since = new Date(Date.now() - untrackedMinutes * 60_000).toISOString();
  return fakeIntegration({
    status: cause.code === 'TOKEN_EXPIRED' ? 'EXPIRED' : 'REVOKED',
    needsReauthorization: true,
    cause,
    statusChangedAt: since,
    untrackedSince: since,
    ...overrides,
  });
}
