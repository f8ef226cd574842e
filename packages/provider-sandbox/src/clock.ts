/** The sandbox's token clock: real time plus an offset that tests and the control endpoint move forward. */
export interface SandboxClock {
  now(): Date;
  advance(seconds: number): void;
}

export interface ResettableClock extends SandboxClock {
  reset(): void;
  /** How far the clock has been advanced, in ms (kept across restarts by the state file). */
  offsetMs: number;
}

export function createClock(realNow: () => number = Date.now): ResettableClock {
  let offsetMs = 0;
  return {
    get offsetMs() {
      return offsetMs;
    },
    set offsetMs(value: number) {
      offsetMs = value;
    },
    now: () => new Date(realNow() + offsetMs),
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`advanceSeconds must be a non-negative number, got ${String(seconds)}`);
      }
      offsetMs += Math.round(seconds * 1000);
    },
    reset() {
      offsetMs = 0;
    },
  };
}
