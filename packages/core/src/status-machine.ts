import { requireTime } from './dates.js';
import type { IntegrationStatus } from './integration-status.js';
import { statusForCause, type InvalidationCause } from './invalidation-cause.js';
import { UnreachableCaseError } from './unreachable-case-error.js';

/** The status-relevant part of one integration, as stored. */
export interface IntegrationState {
  status: IntegrationStatus;
  cause: InvalidationCause | null;
  /** Increments on every status change (status, cause or untracked window): an optimistic-lock and ordering key. */
  version: number;
  /** Increments with every newly issued credential; checks carrying an older one are stale. */
  credentialVersion: number;
  statusChangedAt: Date;
  /** Start of the open untracked window, if any. */
  untrackedSince: Date | null;
  consecutiveTransientFailures: number;
  /**
   * When the credential stops working unless a person acts. For providers that refresh silently
   * (Google) this is the refresh token's end (time-based access), usually null — never the
   * one-hour access token's expiry. See `statusExpiriesFromCheck`.
   */
  tokenExpiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  /**
   * When the current credential was issued (set by TOKEN_ISSUED). A SECURITY_EVENT that occurred
   * before it concerns an older credential and changes nothing. Unknown (null/absent): the event applies.
   */
  credentialIssuedAt?: Date | null;
}

export type StatusEvent =
  /** A connection or a completed reauthorization: HEALTHY (or EXPIRING_SOON); closes the open window. */
  | { type: 'TOKEN_ISSUED'; at: Date; credentialVersion: number; expiresAt?: Date | null; dataAccessExpiresAt?: Date | null }
  /** A check said valid. `expiresAt`/`dataAccessExpiresAt`: undefined keeps the known value, null clears it. */
  | { type: 'CHECK_VALID'; at: Date; credentialVersion: number; expiresAt?: Date | null; dataAccessExpiresAt?: Date | null }
  /** A check said invalid; `occurredAt` is the provider's own time of invalidation when known. */
  | { type: 'CHECK_INVALID'; at: Date; credentialVersion: number; cause: InvalidationCause; occurredAt?: Date }
  | { type: 'CHECK_TRANSIENT'; at: Date; credentialVersion: number; retryAfterSeconds?: number }
  /** Pushed by the provider (deauthorize, RISC); applies to credentials issued before `occurredAt`. */
  | { type: 'SECURITY_EVENT'; at: Date; cause: InvalidationCause; occurredAt: Date }
  | { type: 'DISCONNECTED'; at: Date }
  /** The clock moved on: expiries are re-evaluated. */
  | { type: 'TIME_PASSED'; at: Date };

export type StatusEffect =
  | { type: 'OPEN_WINDOW'; startedAt: Date; cause: InvalidationCause }
  | { type: 'CLOSE_WINDOW'; endedAt: Date }
  | { type: 'NOTIFY'; from: IntegrationStatus; to: IntegrationStatus; cause: InvalidationCause | null };

/**
 * `changed` is true exactly when status, cause or the untracked window changed; then `version`
 * went up by one and a NOTIFY is among the effects. Bookkeeping (transient-failure count, expiry
 * dates, credential version) may still differ in `state` when `changed` is false: persist `state` always.
 */
export interface Transition {
  state: IntegrationState;
  effects: StatusEffect[];
  changed: boolean;
}

export interface StatusMachineOptions {
  /** Consecutive transient failures after which a working integration is UNREACHABLE. Default 3. */
  unreachableAfter?: number;
  /** How far ahead of an expiry the status turns EXPIRING_SOON. Default 7 days. */
  expiringSoonWindowSeconds?: number;
}

export const DEFAULT_UNREACHABLE_AFTER = 3;
export const DEFAULT_EXPIRING_SOON_WINDOW_SECONDS = 7 * 24 * 60 * 60;

/** A fresh integration before its first credential: DISCONNECTED until TOKEN_ISSUED. */
export function initialIntegrationState(at: Date): IntegrationState {
  requireTime('initialIntegrationState: at', at);
  return {
    status: 'DISCONNECTED',
    cause: null,
    version: 0,
    credentialVersion: 0,
    statusChangedAt: at,
    untrackedSince: null,
    consecutiveTransientFailures: 0,
    tokenExpiresAt: null,
    dataAccessExpiresAt: null,
    credentialIssuedAt: null,
  };
}

/** The status part a transition aims for; everything else in the state is bookkeeping. */
interface Target {
  status: IntegrationStatus;
  cause: InvalidationCause | null;
  untrackedSince: Date | null;
}

type Bookkeeping = Partial<Pick<IntegrationState, 'credentialVersion' | 'consecutiveTransientFailures' | 'tokenExpiresAt' | 'dataAccessExpiresAt' | 'credentialIssuedAt'>>;

interface ResolvedOptions {
  unreachableAfter: number;
  expiringSoonWindowMs: number;
}

function assertDate(name: string, value: unknown): asserts value is Date {
  requireTime(`nextStatus: ${name}`, value);
}

function resolveOptions(options: StatusMachineOptions): ResolvedOptions {
  const unreachableAfter = options.unreachableAfter ?? DEFAULT_UNREACHABLE_AFTER;
  const windowSeconds = options.expiringSoonWindowSeconds ?? DEFAULT_EXPIRING_SOON_WINDOW_SECONDS;
  if (!Number.isInteger(unreachableAfter) || unreachableAfter < 1) {
    throw new RangeError(`nextStatus: unreachableAfter must be a whole number ≥ 1, got ${unreachableAfter}`);
  }
  if (!Number.isFinite(windowSeconds) || windowSeconds < 0) {
    throw new RangeError(`nextStatus: expiringSoonWindowSeconds must be ≥ 0, got ${windowSeconds}`);
  }
  return { unreachableAfter, expiringSoonWindowMs: windowSeconds * 1000 };
}

const sameTime = (a: Date | null, b: Date | null): boolean => (a === null || b === null ? a === b : a.getTime() === b.getTime());

/** Applies a target and bookkeeping; derives window effects, NOTIFY, version and `changed`. */
function move(state: IntegrationState, at: Date, target: Target, bookkeeping: Bookkeeping = {}): Transition {
  const changed = target.status !== state.status || target.cause !== state.cause || !sameTime(target.untrackedSince, state.untrackedSince);
  const effects: StatusEffect[] = [];
  if (state.untrackedSince !== null && !sameTime(state.untrackedSince, target.untrackedSince)) effects.push({ type: 'CLOSE_WINDOW', endedAt: at });
  if (target.untrackedSince !== null && target.cause !== null && !sameTime(state.untrackedSince, target.untrackedSince)) {
    effects.push({ type: 'OPEN_WINDOW', startedAt: target.untrackedSince, cause: target.cause });
  }
  if (changed) effects.push({ type: 'NOTIFY', from: state.status, to: target.status, cause: target.cause });
  const next: IntegrationState = {
    ...state,
    ...bookkeeping,
    ...target,
    version: changed ? state.version + 1 : state.version,
    statusChangedAt: changed ? at : state.statusChangedAt,
  };
  return { state: next, effects, changed };
}

const unchanged = (state: IntegrationState): Transition => ({ state, effects: [], changed: false });

/** The best-known start of an untracked window: not after detection, not before the credential existed. */
function windowStart(state: IntegrationState, at: Date, occurredAt?: Date): Date {
  let start = occurredAt !== undefined && occurredAt.getTime() < at.getTime() ? occurredAt : at;
  const issuedAt = state.credentialIssuedAt;
  if (issuedAt instanceof Date && issuedAt.getTime() > start.getTime() && issuedAt.getTime() <= at.getTime()) start = issuedAt;
  return start;
}

function invalidTarget(state: IntegrationState, at: Date, cause: InvalidationCause, occurredAt?: Date): Target {
  return { status: statusForCause(cause), cause, untrackedSince: windowStart(state, at, occurredAt) };
}

/** What the expiry dates alone say at `at`: EXPIRED (earliest passed expiry), EXPIRING_SOON or HEALTHY. */
function expiryTarget(state: IntegrationState, tokenExpiresAt: Date | null, dataAccessExpiresAt: Date | null, at: Date, opts: ResolvedOptions): Target {
  const candidates: Array<{ when: Date; cause: InvalidationCause }> = [];
  if (tokenExpiresAt) candidates.push({ when: tokenExpiresAt, cause: 'TOKEN_EXPIRED' });
  if (dataAccessExpiresAt) candidates.push({ when: dataAccessExpiresAt, cause: 'DATA_ACCESS_EXPIRED' });
  candidates.sort((a, b) => a.when.getTime() - b.when.getTime());
  const first = candidates[0];
  if (first === undefined || first.when.getTime() - at.getTime() > opts.expiringSoonWindowMs) {
    return { status: 'HEALTHY', cause: null, untrackedSince: null };
  }
  if (first.when.getTime() > at.getTime()) return { status: 'EXPIRING_SOON', cause: null, untrackedSince: null };
  return invalidTarget(state, at, first.cause, first.when);
}

/** Whether the credential is believed to work (checks and pushes can still change that). */
function isLive(status: IntegrationStatus): boolean {
  switch (status) {
    case 'HEALTHY':
    case 'EXPIRING_SOON':
    case 'UNREACHABLE':
      return true;
    case 'EXPIRED':
    case 'REVOKED':
    case 'DISCONNECTED':
      return false;
    default:
      throw new UnreachableCaseError(status);
  }
}

/** A check or credential older than the current one (it started before a reauthorization). */
const isStale = (state: IntegrationState, credentialVersion: number): boolean => credentialVersion < state.credentialVersion;

/** `undefined` keeps what is known, `null` clears it. */
const pick = (given: Date | null | undefined, known: Date | null): Date | null => (given === undefined ? known : given);

/**
 * The status machine: one event applied to one integration's state. Pure; throws only on invalid
 * dates or options (bugs). Windows open only on an invalid/expired result or a security event and
 * close only on TOKEN_ISSUED or DISCONNECTED; transient failures never touch them.
 */
export function nextStatus(state: IntegrationState, event: StatusEvent, options: StatusMachineOptions = {}): Transition {
  const opts = resolveOptions(options);
  assertDate('event.at', event.at);

  switch (event.type) {
    case 'TOKEN_ISSUED': {
      if (isStale(state, event.credentialVersion)) return unchanged(state);
      const tokenExpiresAt = event.expiresAt ?? null;
      const dataAccessExpiresAt = event.dataAccessExpiresAt ?? null;
      const fresh: IntegrationState = { ...state, credentialIssuedAt: event.at };
      return move(state, event.at, expiryTarget(fresh, tokenExpiresAt, dataAccessExpiresAt, event.at, opts), {
        credentialVersion: event.credentialVersion,
        credentialIssuedAt: event.at,
        consecutiveTransientFailures: 0,
        tokenExpiresAt,
        dataAccessExpiresAt,
      });
    }
    case 'CHECK_VALID': {
      if (isStale(state, event.credentialVersion) || !isLive(state.status)) return unchanged(state);
      const tokenExpiresAt = pick(event.expiresAt, state.tokenExpiresAt);
      const dataAccessExpiresAt = pick(event.dataAccessExpiresAt, state.dataAccessExpiresAt);
      return move(state, event.at, expiryTarget(state, tokenExpiresAt, dataAccessExpiresAt, event.at, opts), {
        consecutiveTransientFailures: 0,
        tokenExpiresAt,
        dataAccessExpiresAt,
      });
    }
    case 'CHECK_INVALID': {
      if (isStale(state, event.credentialVersion) || !isLive(state.status)) return unchanged(state);
      if (event.occurredAt !== undefined) assertDate('event.occurredAt', event.occurredAt);
      return move(state, event.at, invalidTarget(state, event.at, event.cause, event.occurredAt), { consecutiveTransientFailures: 0 });
    }
    case 'CHECK_TRANSIENT': {
      if (isStale(state, event.credentialVersion) || !isLive(state.status)) return unchanged(state);
      const failures = state.consecutiveTransientFailures + 1;
      const target: Target =
        state.status === 'UNREACHABLE' || failures >= opts.unreachableAfter
          ? { status: 'UNREACHABLE', cause: null, untrackedSince: null }
          : { status: state.status, cause: state.cause, untrackedSince: state.untrackedSince };
      return move(state, event.at, target, { consecutiveTransientFailures: failures });
    }
    case 'SECURITY_EVENT': {
      assertDate('event.occurredAt', event.occurredAt);
      const issuedAt = state.credentialIssuedAt;
      const concernsOlderCredential = issuedAt instanceof Date && event.occurredAt.getTime() < issuedAt.getTime();
      if (concernsOlderCredential || !isLive(state.status)) return unchanged(state);
      return move(state, event.at, invalidTarget(state, event.at, event.cause, event.occurredAt), { consecutiveTransientFailures: 0 });
    }
    case 'DISCONNECTED':
      if (state.status === 'DISCONNECTED') return unchanged(state);
      return move(state, event.at, { status: 'DISCONNECTED', cause: null, untrackedSince: null }, {
        consecutiveTransientFailures: 0,
        tokenExpiresAt: null,
        dataAccessExpiresAt: null,
      });
    case 'TIME_PASSED': {
      if (!isLive(state.status)) return unchanged(state);
      const target = expiryTarget(state, state.tokenExpiresAt, state.dataAccessExpiresAt, event.at, opts);
      // UNREACHABLE stays until a check answers, unless the credential's lifetime ran out meanwhile.
      if (state.status === 'UNREACHABLE' && target.untrackedSince === null) return unchanged(state);
      return move(state, event.at, target);
    }
    default:
      throw new UnreachableCaseError(event);
  }
}
