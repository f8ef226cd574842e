/** The sandbox's token clock: real time plus an offset that tests and the control endpoint move forward. */
export interface SandboxClock {
  now(): Date;
  advance(seconds: number): void;
}

export interface ResettableClock extends SandboxClock {
  reset(): void;
}

export function createClock(realNow: () => number = Date.now): ResettableClock {
  let offsetMs = 0;
  return {
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
