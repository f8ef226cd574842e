import type { SandboxContext } from './context.js';
import type { SandboxProvider } from './options.js';
import { grantKey, type AdAccount, type Grant, type SandboxUser } from './store.js';

export class SandboxInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

export interface CreateUserInput {
  provider: SandboxProvider;
  name: string;
  email?: string;
  /** Google only: consent grants time-based access of this many seconds. */
  timeBasedAccessSeconds?: number;
}

export function parseProvider(value: unknown): SandboxProvider {
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (upper === 'FACEBOOK' || upper === 'GOOGLE') return upper;
  throw new SandboxInputError(`provider must be "FACEBOOK" or "GOOGLE", got ${JSON.stringify(value ?? null)}`);
}

function emailFor(name: string, userId: string): string {
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'user';
  return `${local}.${userId.slice(-4)}@example.com`;
}

export function createUser(ctx: SandboxContext, input: CreateUserInput): SandboxUser {
  const name = input.name.trim();
  if (!name) throw new SandboxInputError('name must be a non-empty string');
  if (input.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(input.email)) {
    throw new SandboxInputError(`email ${JSON.stringify(input.email)} is not an email address`);
  }
  const userId = input.provider === 'FACEBOOK' ? ctx.mint.facebookUserId() : ctx.mint.googleSub();
  const user: SandboxUser = {
    userId,
    provider: input.provider,
    name,
    email: input.email ?? emailFor(name, userId),
    createdAt: ctx.clock.now(),
    adAccounts: [],
    disabled: false,
    lostAdsAccess: false,
    ...(input.timeBasedAccessSeconds ? { timeBasedAccessSeconds: input.timeBasedAccessSeconds } : {}),
  };
  ctx.store.users.set(userId, user);
  return user;
}

export function requireUser(ctx: SandboxContext, userId: string): SandboxUser {
  const user = ctx.store.users.get(userId);
  if (!user) throw new SandboxInputError(`no sandbox user with id ${JSON.stringify(userId)}; create one with POST /control/users`, 404);
  return user;
}

export function addAdAccount(ctx: SandboxContext, userId: string, name: string): AdAccount {
  const user = requireUser(ctx, userId);
  if (!name.trim()) throw new SandboxInputError('name must be a non-empty string');
  const digits = user.provider === 'FACEBOOK' ? ctx.mint.facebookAdAccountId() : ctx.mint.googleCustomerId();
  const account: AdAccount = { id: user.provider === 'FACEBOOK' ? `act_${digits}` : digits, accountId: digits, name: name.trim() };
  user.adAccounts.push(account);
  return account;
}

/** Looks a user up by id or email (what a `login_hint` may carry). */
export function findUserByHint(ctx: SandboxContext, provider: SandboxProvider, hint: string | undefined): SandboxUser | undefined {
  if (!hint) return undefined;
  const direct = ctx.store.users.get(hint);
  if (direct?.provider === provider) return direct;
  const lower = hint.toLowerCase();
  return [...ctx.store.users.values()].find((u) => u.provider === provider && u.email.toLowerCase() === lower);
}

export function usersOf(ctx: SandboxContext, provider: SandboxProvider): SandboxUser[] {
  return [...ctx.store.users.values()].filter((u) => u.provider === provider);
}

export function getGrant(ctx: SandboxContext, provider: SandboxProvider, userId: string, clientId: string): Grant | undefined {
  return ctx.store.grants.get(grantKey(provider, userId, clientId));
}

/** Records a consent: adds the scopes to the user's grant for that client (creating it). */
export function recordConsent(
  ctx: SandboxContext,
  provider: SandboxProvider,
  userId: string,
  clientId: string,
  scopes: string[],
): Grant {
  const now = ctx.clock.now();
  const key = grantKey(provider, userId, clientId);
  const grant = ctx.store.grants.get(key) ?? {
    provider,
    userId,
    clientId,
    scopes: new Set<string>(),
    declined: new Set<string>(),
    grantedAt: now,
    dataAccessExpiresAt: now,
  };
  for (const scope of scopes) {
    grant.scopes.add(scope);
    grant.declined.delete(scope);
  }
  grant.grantedAt = now;
  grant.dataAccessExpiresAt = new Date(now.getTime() + 90 * 86_400_000);
  ctx.store.grants.set(key, grant);
  return grant;
}
