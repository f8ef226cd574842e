import { randomInt } from 'node:crypto';
import express, { type Router } from 'express';
import { sandboxCauses, type RiscEventName, type SandboxCause } from './causes.js';
import { createClock, type SandboxClock } from './clock.js';
import { riscIssuer, type SandboxContext } from './context.js';
import { controlRouter } from './control/router.js';
import { sandboxEndpoints, type ProviderEndpoints } from './endpoints.js';
import { facebookRouter } from './facebook/router.js';
import { pushFacebookNotice } from './facebook/notices.js';
import { createFaultQueue, type FaultKind } from './faults.js';
import { createRiscKeys } from './google/riscKeys.js';
import { jwksUrl, pushSecurityEvent, type RiscDelivery } from './google/risc.js';
import { googleRouter } from './google/router.js';
import { createIdSource } from './ids.js';
import { invalidateUser, type InvalidationResult } from './invalidate.js';
import { createMinter } from './mint.js';
import type { NoticeResult } from './notices.js';
import type { SandboxOptions, SandboxProvider } from './options.js';
import { loadState, saveState } from './persistence.js';
import { createStore, type AdAccount } from './store.js';
import { addAdAccount, createUser, requireUser, SandboxInputError, type CreateUserInput } from './users.js';
import { userView, type SandboxUserView } from './userView.js';

/** RISC events that can be sent on their own (the others come with `invalidate`). */
export const STANDALONE_RISC_EVENTS = ['account-enabled', 'verification', 'account-credential-change-required'] as const;

export interface Sandbox {
  /** Mount at `publicUrl`: `/facebook/…`, `/google/…`, `/control/…`. */
  router: Router;
  publicUrl: string;
  endpoints: ProviderEndpoints;
  /** `iss` of security event tokens, as in the RISC discovery document. */
  riscIssuer: string;
  jwksUrl: string;
  clock: SandboxClock;
  /** Forgets users, tokens, faults and the clock offset (the signing key stays, so cached JWKS still verify). */
  reset(): void;
  createUser(input: CreateUserInput): SandboxUserView;
  addAdAccount(userId: string, name: string): AdAccount;
  listUsers(): SandboxUserView[];
  invalidate(userId: string, cause: string): Promise<InvalidationResult>;
  sendRiscEvent(userId: string, eventType: string, options?: { state?: string }): Promise<RiscDelivery>;
  requestDataDeletion(userId: string): Promise<NoticeResult | undefined>;
  injectFault(provider: SandboxProvider, kind: FaultKind, count: number): number;
  causes(provider: SandboxProvider): SandboxCause[];
  close(): Promise<void>;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  let publicUrl: string;
  try {
    publicUrl = new URL(options.publicUrl).toString().replace(/\/+$/, '');
  } catch {
    throw new TypeError(`publicUrl must be an absolute URL, got ${JSON.stringify(options.publicUrl)}`);
  }
  const ids = createIdSource(options.seed ?? randomInt(2 ** 31));
  const clock = createClock();
  const ctx: SandboxContext = {
    publicUrl,
    ...(options.facebook ? { facebook: options.facebook } : {}),
    ...(options.google ? { google: options.google } : {}),
    store: createStore(),
    clock,
    ids,
    mint: createMinter(ids),
    faults: createFaultQueue(),
    keys: createRiscKeys(),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    faultTimeoutMs: options.faultTimeoutMs ?? 30_000,
    noticeTimeoutMs: options.noticeTimeoutMs ?? 10_000,
  };
  const router = express.Router();
  const stateFile = options.stateFile;
  let saveTimer: NodeJS.Timeout | undefined;
  // Save shortly after a change; one write covers a burst.
  const scheduleSave = () => {
    if (!stateFile) return;
    saveTimer ??= setTimeout(() => {
      saveTimer = undefined;
      saveState(ctx, stateFile);
    }, 200);
  };
  const saving = <T>(value: T): T => {
    scheduleSave();
    return value;
  };
  if (stateFile) {
    loadState(ctx, stateFile);
    router.use((_req, res, next) => {
      res.on('finish', scheduleSave);
      next();
    });
  }
  const sandbox: Sandbox = {
    router,
    publicUrl,
    endpoints: sandboxEndpoints(publicUrl),
    riscIssuer: riscIssuer(publicUrl),
    jwksUrl: jwksUrl(publicUrl),
    clock,
    reset() {
      ctx.store.clear();
      ctx.faults.clear();
      for (const req of ctx.faults.held) req.socket.destroy();
      clock.reset();
      ids.reset();
    },
    createUser: (input) => saving(userView(ctx, createUser(ctx, input))),
    addAdAccount: (userId, name) => saving(addAdAccount(ctx, userId, name)),
    listUsers: () => [...ctx.store.users.values()].map((u) => userView(ctx, u)),
    invalidate: (userId, cause) => saving(invalidateUser(ctx, userId, cause)),
    async sendRiscEvent(userId, eventType, eventOptions = {}) {
      const user = requireUser(ctx, userId);
      if (user.provider !== 'GOOGLE') throw new SandboxInputError(`RISC events are Google's; user ${userId} is a ${user.provider} user`);
      if (!(STANDALONE_RISC_EVENTS as readonly string[]).includes(eventType)) {
        throw new SandboxInputError(
          `eventType must be one of ${STANDALONE_RISC_EVENTS.join(', ')}; sessions-revoked, tokens-revoked and account-disabled come with POST /control/users/:userId/invalidate`,
        );
      }
      if (eventType === 'account-enabled') user.disabled = false;
      return pushSecurityEvent(ctx, user, eventType as RiscEventName, eventOptions);
    },
    async requestDataDeletion(userId) {
      const user = requireUser(ctx, userId);
      if (user.provider !== 'FACEBOOK') throw new SandboxInputError(`data deletion callbacks are Facebook's; user ${userId} is a ${user.provider} user`);
      return pushFacebookNotice(ctx, 'data-deletion', userId);
    },
    injectFault: (provider, kind, count) => ctx.faults.add(provider, kind, count),
    causes: (provider) => sandboxCauses(provider),
    async close() {
      for (const req of ctx.faults.held) req.socket.destroy();
      ctx.faults.held.clear();
      if (stateFile) {
        clearTimeout(saveTimer);
        saveTimer = undefined;
        saveState(ctx, stateFile);
      }
    },
  };
  router.use('/facebook', facebookRouter(ctx));
  router.use('/google', googleRouter(ctx));
  router.use('/control', controlRouter(sandbox));
  return sandbox;
}
