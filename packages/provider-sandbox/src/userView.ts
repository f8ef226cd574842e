import type { SandboxContext } from './context.js';
import type { AdAccount, SandboxUser } from './store.js';

/** A sandbox user as the control endpoints and the demo page show it. */
export interface SandboxUserView {
  userId: string;
  provider: SandboxUser['provider'];
  name: string;
  email: string;
  createdAt: string;
  adAccounts: AdAccount[];
  /** Tokens (access + refresh) that would work right now. */
  liveTokens: number;
  disabled: boolean;
  lastInvalidation: { cause: string; at: string } | null;
}

export function userView(ctx: SandboxContext, user: SandboxUser): SandboxUserView {
  const now = ctx.clock.now().getTime();
  let liveTokens = 0;
  for (const t of ctx.store.accessTokens.values()) if (t.userId === user.userId && !t.dead && t.expiresAt.getTime() > now) liveTokens += 1;
  for (const r of ctx.store.refreshTokens.values()) if (r.userId === user.userId && !r.dead) liveTokens += 1;
  return {
    userId: user.userId,
    provider: user.provider,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt.toISOString(),
    adAccounts: user.adAccounts.map((a) => ({ ...a })),
    liveTokens,
    disabled: user.disabled,
    lastInvalidation: user.lastInvalidation ? { cause: user.lastInvalidation.cause, at: user.lastInvalidation.at.toISOString() } : null,
  };
}
