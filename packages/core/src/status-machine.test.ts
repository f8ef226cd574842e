import { describe, expect, it } from 'vitest';
import type { InvalidationCause } from './invalidation-cause.js';
import { UnreachableCaseError } from './unreachable-case-error.js';
import { initialIntegrationState, nextStatus, type IntegrationState, type StatusEvent, type Transition } from './status-machine.js';

const T0 = new Date('2025-01-01T00:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Applies events in order, returning every transition. */
function run(state: IntegrationState, ...events: StatusEvent[]): { state: IntegrationState; transitions: Transition[] } {
  const transitions: Transition[] = [];
  for (const event of events) {
    const t = nextStatus(state, event);
    transitions.push(t);
    state = t.state;
  }
  return { state, transitions };
}

const connected = (expiresAt: Date | null = null, dataAccessExpiresAt: Date | null = null): IntegrationState =>
  nextStatus(initialIntegrationState(T0), { type: 'TOKEN_ISSUED', at: T0, credentialVersion: 1, expiresAt, dataAccessExpiresAt }).state;

describe('initialIntegrationState and TOKEN_ISSUED', () => {
  it('starts DISCONNECTED at version 0; the first token makes it HEALTHY with a NOTIFY', () => {
    const initial = initialIntegrationState(T0);
    expect(initial).toMatchObject({ status: 'DISCONNECTED', version: 0, credentialVersion: 0, untrackedSince: null, statusChangedAt: T0 });
    const t = nextStatus(initial, { type: 'TOKEN_ISSUED', at: at(1000), credentialVersion: 1 });
    expect(t.changed).toBe(true);
    expect(t.effects).toEqual([{ type: 'NOTIFY', from: 'DISCONNECTED', to: 'HEALTHY', cause: null }]);
    expect(t.state).toMatchObject({ status: 'HEALTHY', version: 1, credentialVersion: 1, credentialIssuedAt: at(1000), statusChangedAt: at(1000) });
  });

  it('a token expiring within the window starts EXPIRING_SOON', () => {
    expect(connected(at(3 * DAY)).status).toBe('EXPIRING_SOON');
    expect(connected(at(60 * DAY)).status).toBe('HEALTHY');
    expect(connected(null, at(2 * DAY)).status).toBe('EXPIRING_SOON');
  });

  it('reauthorization closes the open window and heals', () => {
    const revoked = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'PASSWORD_CHANGED' }).state;
    const t = nextStatus(revoked, { type: 'TOKEN_ISSUED', at: at(5 * HOUR), credentialVersion: 2, expiresAt: at(60 * DAY) });
    expect(t.effects).toEqual([
      { type: 'CLOSE_WINDOW', endedAt: at(5 * HOUR) },
      { type: 'NOTIFY', from: 'REVOKED', to: 'HEALTHY', cause: null },
    ]);
    expect(t.state).toMatchObject({ status: 'HEALTHY', cause: null, untrackedSince: null, credentialVersion: 2, tokenExpiresAt: at(60 * DAY) });
  });

  it('reconnects after DISCONNECTED; an older credential version is stale', () => {
    const gone = nextStatus(connected(), { type: 'DISCONNECTED', at: at(DAY) }).state;
    expect(nextStatus(gone, { type: 'TOKEN_ISSUED', at: at(2 * DAY), credentialVersion: 2 }).state.status).toBe('HEALTHY');
    const two = nextStatus(connected(), { type: 'TOKEN_ISSUED', at: at(DAY), credentialVersion: 2 }).state;
    const t = nextStatus(two, { type: 'TOKEN_ISSUED', at: at(2 * DAY), credentialVersion: 1 });
    expect(t).toEqual({ state: two, effects: [], changed: false });
  });

  it('a re-consent while healthy updates bookkeeping without a status change', () => {
    const healthy = connected(at(60 * DAY));
    const t = nextStatus(healthy, { type: 'TOKEN_ISSUED', at: at(DAY), credentialVersion: 2, expiresAt: at(61 * DAY) });
    expect(t.changed).toBe(false);
    expect(t.effects).toEqual([]);
    expect(t.state).toMatchObject({ version: healthy.version, credentialVersion: 2, tokenExpiresAt: at(61 * DAY), credentialIssuedAt: at(DAY) });
  });

  it('a token issued already past its expiry is EXPIRED from the moment of issue', () => {
    const revoked = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'ACCESS_REVOKED' }).state;
    const t = nextStatus(revoked, { type: 'TOKEN_ISSUED', at: at(2 * HOUR), credentialVersion: 2, expiresAt: at(HOUR) });
    expect(t.effects).toEqual([
      { type: 'CLOSE_WINDOW', endedAt: at(2 * HOUR) },
      { type: 'OPEN_WINDOW', startedAt: at(2 * HOUR), cause: 'TOKEN_EXPIRED' },
      { type: 'NOTIFY', from: 'REVOKED', to: 'EXPIRED', cause: 'TOKEN_EXPIRED' },
    ]);
  });
});

describe('checks', () => {
  it('CHECK_INVALID opens a window at occurredAt (or detection) with the right status', () => {
    const t = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(2 * HOUR), credentialVersion: 1, cause: 'APP_DEAUTHORIZED', occurredAt: at(HOUR) });
    expect(t.effects).toEqual([
      { type: 'OPEN_WINDOW', startedAt: at(HOUR), cause: 'APP_DEAUTHORIZED' },
      { type: 'NOTIFY', from: 'HEALTHY', to: 'REVOKED', cause: 'APP_DEAUTHORIZED' },
    ]);
    expect(t.state).toMatchObject({ status: 'REVOKED', cause: 'APP_DEAUTHORIZED', untrackedSince: at(HOUR), version: 2 });
    const expired = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'TOKEN_EXPIRED' });
    expect(expired.state).toMatchObject({ status: 'EXPIRED', untrackedSince: at(HOUR) });
  });

  it('the window never starts after detection nor before the credential was issued', () => {
    const future = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'UNKNOWN', occurredAt: at(DAY) });
    expect(future.state.untrackedSince).toEqual(at(HOUR));
    const reissued = nextStatus(connected(), { type: 'TOKEN_ISSUED', at: at(DAY), credentialVersion: 2 }).state;
    const early = nextStatus(reissued, { type: 'CHECK_INVALID', at: at(2 * DAY), credentialVersion: 2, cause: 'UNKNOWN', occurredAt: at(HOUR) });
    expect(early.state.untrackedSince).toEqual(at(DAY));
  });

  it('CHECK_INVALID while EXPIRED/REVOKED keeps the first cause and window', () => {
    const revoked = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'PASSWORD_CHANGED' }).state;
    expect(nextStatus(revoked, { type: 'CHECK_INVALID', at: at(2 * HOUR), credentialVersion: 1, cause: 'UNKNOWN' })).toEqual({
      state: revoked,
      effects: [],
      changed: false,
    });
  });

  it('CHECK_VALID while EXPIRED/REVOKED changes nothing: only reauthorization heals', () => {
    const revoked = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'ACCOUNT_DISABLED' }).state;
    expect(nextStatus(revoked, { type: 'CHECK_VALID', at: at(2 * HOUR), credentialVersion: 1 })).toEqual({ state: revoked, effects: [], changed: false });
  });

  it('stale checks (older credential version) change nothing', () => {
    const v2 = nextStatus(connected(), { type: 'TOKEN_ISSUED', at: at(HOUR), credentialVersion: 2 }).state;
    for (const event of [
      { type: 'CHECK_INVALID', at: at(2 * HOUR), credentialVersion: 1, cause: 'PASSWORD_CHANGED' },
      { type: 'CHECK_VALID', at: at(2 * HOUR), credentialVersion: 1, expiresAt: at(HOUR) },
      { type: 'CHECK_TRANSIENT', at: at(2 * HOUR), credentialVersion: 1 },
    ] as const) {
      expect(nextStatus(v2, event)).toEqual({ state: v2, effects: [], changed: false });
    }
  });

  it('CHECK_VALID updates expiries: undefined keeps, null clears; it can move to EXPIRING_SOON, back to HEALTHY, or to EXPIRED', () => {
    const healthy = connected(at(60 * DAY), at(80 * DAY));
    const kept = nextStatus(healthy, { type: 'CHECK_VALID', at: at(DAY), credentialVersion: 1 });
    expect(kept).toMatchObject({ changed: false, state: { tokenExpiresAt: at(60 * DAY), dataAccessExpiresAt: at(80 * DAY) } });
    const cleared = nextStatus(healthy, { type: 'CHECK_VALID', at: at(DAY), credentialVersion: 1, expiresAt: null, dataAccessExpiresAt: null });
    expect(cleared.state).toMatchObject({ tokenExpiresAt: null, dataAccessExpiresAt: null, status: 'HEALTHY' });
    const soon = nextStatus(healthy, { type: 'CHECK_VALID', at: at(DAY), credentialVersion: 1, dataAccessExpiresAt: at(3 * DAY) });
    expect(soon.state.status).toBe('EXPIRING_SOON');
    const later = nextStatus(soon.state, { type: 'CHECK_VALID', at: at(2 * DAY), credentialVersion: 1, dataAccessExpiresAt: at(90 * DAY) });
    expect(later.state.status).toBe('HEALTHY');
    const past = nextStatus(healthy, { type: 'CHECK_VALID', at: at(DAY), credentialVersion: 1, expiresAt: at(DAY - HOUR) });
    expect(past.state).toMatchObject({ status: 'EXPIRED', cause: 'TOKEN_EXPIRED', untrackedSince: at(DAY - HOUR) });
  });
});

describe('transient failures', () => {
  it('three in a row from HEALTHY → UNREACHABLE, no window; a valid check brings it back', () => {
    const { state, transitions } = run(
      connected(),
      { type: 'CHECK_TRANSIENT', at: at(MIN), credentialVersion: 1 },
      { type: 'CHECK_TRANSIENT', at: at(2 * MIN), credentialVersion: 1, retryAfterSeconds: 60 },
      { type: 'CHECK_TRANSIENT', at: at(3 * MIN), credentialVersion: 1 },
      { type: 'CHECK_TRANSIENT', at: at(4 * MIN), credentialVersion: 1 },
    );
    expect(transitions.map((t) => t.changed)).toEqual([false, false, true, false]);
    expect(transitions[2]?.effects).toEqual([{ type: 'NOTIFY', from: 'HEALTHY', to: 'UNREACHABLE', cause: null }]);
    expect(state).toMatchObject({ status: 'UNREACHABLE', consecutiveTransientFailures: 4, untrackedSince: null });
    const back = nextStatus(state, { type: 'CHECK_VALID', at: at(5 * MIN), credentialVersion: 1 });
    expect(back.effects).toEqual([{ type: 'NOTIFY', from: 'UNREACHABLE', to: 'HEALTHY', cause: null }]);
    expect(back.state.consecutiveTransientFailures).toBe(0);
  });

  it('a valid check in between resets the count; unreachableAfter is configurable', () => {
    let state = connected();
    state = nextStatus(state, { type: 'CHECK_TRANSIENT', at: at(MIN), credentialVersion: 1 }).state;
    state = nextStatus(state, { type: 'CHECK_VALID', at: at(2 * MIN), credentialVersion: 1 }).state;
    expect(state.consecutiveTransientFailures).toBe(0);
    expect(nextStatus(state, { type: 'CHECK_TRANSIENT', at: at(3 * MIN), credentialVersion: 1 }, { unreachableAfter: 1 }).state.status).toBe('UNREACHABLE');
  });

  it('transient failures do nothing to EXPIRED, REVOKED or DISCONNECTED', () => {
    const revoked = nextStatus(connected(), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'ACCESS_REVOKED' }).state;
    expect(nextStatus(revoked, { type: 'CHECK_TRANSIENT', at: at(2 * HOUR), credentialVersion: 1 }).state).toBe(revoked);
  });

  it('UNREACHABLE can still be found invalid', () => {
    const unreachable = nextStatus(connected(), { type: 'CHECK_TRANSIENT', at: at(MIN), credentialVersion: 1 }, { unreachableAfter: 1 }).state;
    const t = nextStatus(unreachable, { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'SESSION_INVALIDATED' });
    expect(t.state).toMatchObject({ status: 'REVOKED', consecutiveTransientFailures: 0, untrackedSince: at(HOUR) });
  });
});

describe('security events', () => {
  it('open a window at the provider time for the credential issued before it', () => {
    const t = nextStatus(connected(), { type: 'SECURITY_EVENT', at: at(2 * HOUR), cause: 'APP_DEAUTHORIZED', occurredAt: at(HOUR) });
    expect(t.effects).toEqual([
      { type: 'OPEN_WINDOW', startedAt: at(HOUR), cause: 'APP_DEAUTHORIZED' },
      { type: 'NOTIFY', from: 'HEALTHY', to: 'REVOKED', cause: 'APP_DEAUTHORIZED' },
    ]);
  });

  it('an event older than the current credential changes nothing', () => {
    const reissued = nextStatus(connected(), { type: 'TOKEN_ISSUED', at: at(DAY), credentialVersion: 2 }).state;
    expect(nextStatus(reissued, { type: 'SECURITY_EVENT', at: at(DAY + MIN), cause: 'SESSION_INVALIDATED', occurredAt: at(DAY - MIN) }).changed).toBe(false);
    // Unknown issue time (a state stored without it): the event applies.
    const { credentialIssuedAt: _omitted, ...withoutIssue } = reissued;
    expect(nextStatus(withoutIssue, { type: 'SECURITY_EVENT', at: at(DAY + MIN), cause: 'SESSION_INVALIDATED', occurredAt: at(DAY - MIN) }).state.status).toBe('REVOKED');
  });

  it('does nothing to an integration that is already dead or disconnected', () => {
    const gone = nextStatus(connected(), { type: 'DISCONNECTED', at: at(HOUR) }).state;
    expect(nextStatus(gone, { type: 'SECURITY_EVENT', at: at(2 * HOUR), cause: 'ACCOUNT_DISABLED', occurredAt: at(2 * HOUR) }).changed).toBe(false);
  });
});

describe('DISCONNECTED', () => {
  it('closes the open window, clears expiries, and is terminal except for TOKEN_ISSUED', () => {
    const revoked = nextStatus(connected(at(60 * DAY)), { type: 'CHECK_INVALID', at: at(HOUR), credentialVersion: 1, cause: 'ACCESS_REVOKED' }).state;
    const t = nextStatus(revoked, { type: 'DISCONNECTED', at: at(2 * HOUR) });
    expect(t.effects).toEqual([
      { type: 'CLOSE_WINDOW', endedAt: at(2 * HOUR) },
      { type: 'NOTIFY', from: 'REVOKED', to: 'DISCONNECTED', cause: null },
    ]);
    expect(t.state).toMatchObject({ status: 'DISCONNECTED', cause: null, untrackedSince: null, tokenExpiresAt: null });
    for (const event of [
      { type: 'DISCONNECTED', at: at(3 * HOUR) },
      { type: 'CHECK_VALID', at: at(3 * HOUR), credentialVersion: 1 },
      { type: 'CHECK_INVALID', at: at(3 * HOUR), credentialVersion: 1, cause: 'UNKNOWN' },
      { type: 'CHECK_TRANSIENT', at: at(3 * HOUR), credentialVersion: 1 },
      { type: 'TIME_PASSED', at: at(100 * DAY) },
    ] as const) {
      expect(nextStatus(t.state, event).changed).toBe(false);
    }
  });
});

describe('TIME_PASSED', () => {
  it('HEALTHY → EXPIRING_SOON inside the window → EXPIRED with the window starting at the expiry', () => {
    const { transitions } = run(
      connected(at(30 * DAY)),
      { type: 'TIME_PASSED', at: at(22 * DAY) },
      { type: 'TIME_PASSED', at: at(24 * DAY) },
      { type: 'TIME_PASSED', at: at(25 * DAY) },
      { type: 'TIME_PASSED', at: at(31 * DAY) },
      { type: 'TIME_PASSED', at: at(32 * DAY) },
    );
    expect(transitions.map((t) => t.state.status)).toEqual(['HEALTHY', 'EXPIRING_SOON', 'EXPIRING_SOON', 'EXPIRED', 'EXPIRED']);
    expect(transitions.map((t) => t.changed)).toEqual([false, true, false, true, false]);
    expect(transitions[3]?.effects).toEqual([
      { type: 'OPEN_WINDOW', startedAt: at(30 * DAY), cause: 'TOKEN_EXPIRED' },
      { type: 'NOTIFY', from: 'EXPIRING_SOON', to: 'EXPIRED', cause: 'TOKEN_EXPIRED' },
    ]);
  });

  it('data access expiry → DATA_ACCESS_EXPIRED at that moment; the earlier expiry wins', () => {
    const t = nextStatus(connected(at(60 * DAY), at(20 * DAY)), { type: 'TIME_PASSED', at: at(70 * DAY) });
    expect(t.state).toMatchObject({ status: 'EXPIRED', cause: 'DATA_ACCESS_EXPIRED', untrackedSince: at(20 * DAY) });
  });

  it('the expiring-soon window is configurable', () => {
    expect(nextStatus(connected(at(30 * DAY)), { type: 'TIME_PASSED', at: at(10 * DAY) }, { expiringSoonWindowSeconds: 21 * 86400 }).state.status).toBe('EXPIRING_SOON');
  });

  it('UNREACHABLE stays unless the lifetime ran out', () => {
    const unreachable = nextStatus(connected(at(30 * DAY)), { type: 'CHECK_TRANSIENT', at: at(MIN), credentialVersion: 1 }, { unreachableAfter: 1 }).state;
    expect(nextStatus(unreachable, { type: 'TIME_PASSED', at: at(25 * DAY) }).changed).toBe(false);
    expect(nextStatus(unreachable, { type: 'TIME_PASSED', at: at(31 * DAY) }).state).toMatchObject({ status: 'EXPIRED', untrackedSince: at(30 * DAY) });
  });
});

describe('bad input is a bug and says so', () => {
  const state = connected();
  it.each([
    [{ type: 'TIME_PASSED', at: new Date('nope') }, /event.at must be a valid Date/],
    [{ type: 'SECURITY_EVENT', at: T0, cause: 'UNKNOWN', occurredAt: 'yesterday' }, /event.occurredAt must be a valid Date/],
    [{ type: 'CHECK_INVALID', at: T0, credentialVersion: 1, cause: 'UNKNOWN', occurredAt: new Date(NaN) }, /event.occurredAt/],
  ])('%j', (event, message) => {
    expect(() => nextStatus(state, event as unknown as StatusEvent)).toThrow(message);
  });

  it('options out of range and unknown events', () => {
    expect(() => nextStatus(state, { type: 'TIME_PASSED', at: T0 }, { unreachableAfter: 0 })).toThrow(/unreachableAfter/);
    expect(() => nextStatus(state, { type: 'TIME_PASSED', at: T0 }, { expiringSoonWindowSeconds: -1 })).toThrow(/expiringSoonWindowSeconds/);
    expect(() => nextStatus(state, { type: 'EXPLODE', at: T0 } as unknown as StatusEvent)).toThrow(UnreachableCaseError);
    expect(() => nextStatus({ ...state, status: 'ZOMBIE' as never }, { type: 'TIME_PASSED', at: T0 })).toThrow(UnreachableCaseError);
    expect(() => initialIntegrationState(new Date('x'))).toThrow(RangeError);
  });

  it('statusForCause drives EXPIRED vs REVOKED', () => {
    const causes: InvalidationCause[] = ['REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_LIMIT_EXCEEDED'];
    expect(causes.map((cause) => nextStatus(state, { type: 'CHECK_INVALID', at: T0, credentialVersion: 1, cause }).state.status)).toEqual([
      'EXPIRED',
      'EXPIRED',
      'REVOKED',
    ]);
  });
});
