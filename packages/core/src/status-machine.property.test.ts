import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALIDATION_CAUSES } from './invalidation-cause.js';
import { initialIntegrationState, nextStatus, type IntegrationState, type StatusEvent } from './status-machine.js';

const T0 = new Date('2025-01-01T00:00:00.000Z').getTime();
const DAY = 86_400_000;

/** An event described relative to the previous one; turned into a real event while replaying. */
const eventSpec = fc.record({
  kind: fc.constantFrom('TOKEN_ISSUED', 'CHECK_VALID', 'CHECK_INVALID', 'CHECK_TRANSIENT', 'SECURITY_EVENT', 'DISCONNECTED', 'TIME_PASSED'),
  advanceMs: fc.integer({ min: 0, max: 20 * DAY }),
  versionDelta: fc.integer({ min: -2, max: 1 }),
  cause: fc.constantFrom(...INVALIDATION_CAUSES),
  occurredOffsetMs: fc.option(fc.integer({ min: -10 * DAY, max: DAY }), { nil: undefined }),
  expiresInMs: fc.option(fc.option(fc.integer({ min: -5 * DAY, max: 90 * DAY }), { nil: null }), { nil: undefined }),
  dataExpiresInMs: fc.option(fc.option(fc.integer({ min: -5 * DAY, max: 90 * DAY }), { nil: null }), { nil: undefined }),
});
type Spec = typeof eventSpec extends fc.Arbitrary<infer T> ? T : never;

function toEvent(spec: Spec, now: number, state: IntegrationState): StatusEvent {
  const at = new Date(now);
  const credentialVersion = Math.max(0, state.credentialVersion + spec.versionDelta);
  const rel = (ms: number | null | undefined) => (ms === undefined ? undefined : ms === null ? null : new Date(now + ms));
  const occurredAt = spec.occurredOffsetMs === undefined ? undefined : new Date(now + spec.occurredOffsetMs);
  switch (spec.kind) {
    case 'TOKEN_ISSUED':
      return { type: spec.kind, at, credentialVersion: state.credentialVersion + Math.max(0, spec.versionDelta), expiresAt: rel(spec.expiresInMs), dataAccessExpiresAt: rel(spec.dataExpiresInMs) };
    case 'CHECK_VALID':
      return { type: spec.kind, at, credentialVersion, expiresAt: rel(spec.expiresInMs), dataAccessExpiresAt: rel(spec.dataExpiresInMs) };
    case 'CHECK_INVALID':
      return { type: spec.kind, at, credentialVersion, cause: spec.cause, ...(occurredAt ? { occurredAt } : {}) };
    case 'CHECK_TRANSIENT':
      return { type: spec.kind, at, credentialVersion };
    case 'SECURITY_EVENT':
      return { type: spec.kind, at, cause: spec.cause, occurredAt: occurredAt ?? at };
    case 'DISCONNECTED':
    case 'TIME_PASSED':
      return { type: spec.kind, at };
  }
}

const dead = (status: string) => status === 'EXPIRED' || status === 'REVOKED';

describe('status machine invariants (property-based)', () => {
  it('hold over arbitrary event sequences', () => {
    fc.assert(
      fc.property(fc.array(eventSpec, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (specs, unreachableAfter) => {
        let state = initialIntegrationState(new Date(T0));
        let now = T0;
        let openWindows = 0;
        for (const spec of specs) {
          now += spec.advanceMs;
          const event = toEvent(spec, now, state);
          const { state: next, effects, changed } = nextStatus(state, event, { unreachableAfter });
          const opens = effects.filter((e) => e.type === 'OPEN_WINDOW');
          const closes = effects.filter((e) => e.type === 'CLOSE_WINDOW');
          const notifies = effects.filter((e) => e.type === 'NOTIFY');

          // At most one open window, and the state mirrors it.
          openWindows += opens.length - closes.length;
          expect(openWindows === 0 || openWindows === 1).toBe(true);
          expect(openWindows === 1).toBe(next.untrackedSince !== null);
          expect(next.untrackedSince !== null).toBe(dead(next.status));
          for (const effect of closes) expect(effect.endedAt.getTime()).toBe(now);

          // Windows open only on invalid/expired results or security events, never after detection.
          for (const open of opens) {
            expect(dead(next.status)).toBe(true);
            expect(open.startedAt.getTime()).toBeLessThanOrEqual(now);
            if (event.type !== 'CHECK_INVALID' && event.type !== 'SECURITY_EVENT') {
              expect(['TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED']).toContain(open.cause);
            }
          }
          if (opens.length > 0) expect(['CHECK_INVALID', 'SECURITY_EVENT', 'TIME_PASSED', 'CHECK_VALID', 'TOKEN_ISSUED']).toContain(event.type);
          // Windows close only on reauthorization or disconnect.
          if (closes.length > 0) expect(['TOKEN_ISSUED', 'DISCONNECTED']).toContain(event.type);
          // Transient failures never touch a window.
          if (event.type === 'CHECK_TRANSIENT') {
            expect(opens.length + closes.length).toBe(0);
            expect(next.untrackedSince).toBe(state.untrackedSince);
          }
          // Stale checks change nothing at all.
          if ('credentialVersion' in event && event.credentialVersion < state.credentialVersion) {
            expect(next).toBe(state);
            expect(effects).toEqual([]);
          }
          // Only reauthorization heals a dead integration.
          if (dead(state.status) && !dead(next.status)) expect(['TOKEN_ISSUED', 'DISCONNECTED']).toContain(event.type);
          // DISCONNECTED is terminal except for a new token.
          if (state.status === 'DISCONNECTED' && event.type !== 'TOKEN_ISSUED') expect(changed).toBe(false);
          // Version strictly increases on every change, and each change is announced once.
          if (changed) {
            expect(next.version).toBe(state.version + 1);
            expect(notifies).toEqual([{ type: 'NOTIFY', from: state.status, to: next.status, cause: next.cause }]);
            expect(next.statusChangedAt.getTime()).toBe(now);
          } else {
            expect(next.version).toBe(state.version);
            expect(effects).toEqual([]);
            expect([next.status, next.cause, next.untrackedSince]).toEqual([state.status, state.cause, state.untrackedSince]);
          }
          expect(next.cause === null).toBe(!dead(next.status));
          state = next;
        }
      }),
      { numRuns: 800 },
    );
  });
});
