import { PROVIDERS, type Provider } from '@relink/core';

export interface BackoffPolicy {
  /** First pause after a failing provider call; doubles with each consecutive one. */
  baseSeconds: number;
  maxSeconds: number;
  /** Up to this fraction is added at random so workers do not resume in lockstep. */
  jitter: number;
  /** The longest wait a provider's own answer is honoured for (a guard against absurd Retry-After values). */
  maxAskedSeconds: number;
}

export const DEFAULT_BACKOFF_POLICY: Readonly<BackoffPolicy> = Object.freeze({ baseSeconds: 2, maxSeconds: 600, jitter: 0.2, maxAskedSeconds: 3600 });

interface ProviderState {
  failures: number;
  pausedUntil: number;
}

/**
 * Per-provider back-off, consulted by the sweep before it sends a batch. A provider call that failed
 * transiently (5xx, timeout, throttling) pauses that provider for base · 2^(n−1) seconds, or for as
 * long as the provider asked (Retry-After, X-App-Usage near its limit, X-Business-Use-Case-Usage's
 * `estimated_time_to_regain_access`), whichever is longer; a call that got real answers resets it.
 * State is per process: every worker learns from its own calls.
 */
export class ProviderBackoff {
  readonly policy: BackoffPolicy;
  private readonly states = new Map<Provider, ProviderState>();

  constructor(
    policy: Partial<BackoffPolicy> = {},
    private readonly clock: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.policy = { ...DEFAULT_BACKOFF_POLICY, ...policy };
    if (!(this.policy.baseSeconds > 0) || !(this.policy.maxSeconds >= this.policy.baseSeconds)) {
      throw new RangeError('ProviderBackoff: baseSeconds must be > 0 and maxSeconds ≥ baseSeconds');
    }
  }

  /** When `provider` may be called again (ms since epoch); now or earlier when it is not paused. */
  readyAt(provider: Provider): number {
    return this.states.get(provider)?.pausedUntil ?? 0;
  }

  isPaused(provider: Provider): boolean {
    return this.readyAt(provider) > this.clock();
  }

  /** The providers the sweep may send batches to now. */
  readyProviders(): Provider[] {
    return PROVIDERS.filter((p) => !this.isPaused(p));
  }

  consecutiveFailures(provider: Provider): number {
    return this.states.get(provider)?.failures ?? 0;
  }

  /** A transient failure; `askedSeconds` is what the provider asked for, if anything. Returns the pause's end. */
  recordFailure(provider: Provider, askedSeconds?: number): number {
    const state = this.states.get(provider) ?? { failures: 0, pausedUntil: 0 };
    state.failures += 1;
    const exponential = Math.min(this.policy.maxSeconds, this.policy.baseSeconds * 2 ** Math.min(state.failures - 1, 30));
    const jittered = exponential * (1 + this.policy.jitter * Math.min(Math.max(this.random(), 0), 1));
    const asked = this.honoured(askedSeconds);
    const pause = Math.min(Math.max(jittered, asked), Math.max(this.policy.maxSeconds, asked));
    state.pausedUntil = Math.max(state.pausedUntil, this.clock() + pause * 1000);
    this.states.set(provider, state);
    return state.pausedUntil;
  }

  /** The provider asked to slow down although the call worked (usage headers near the limit). */
  recordThrottle(provider: Provider, askedSeconds: number): number {
    const state = this.states.get(provider) ?? { failures: 0, pausedUntil: 0 };
    const asked = this.honoured(askedSeconds);
    if (asked > 0) state.pausedUntil = Math.max(state.pausedUntil, this.clock() + asked * 1000);
    this.states.set(provider, state);
    return state.pausedUntil;
  }

  private honoured(askedSeconds: number | undefined): number {
    if (askedSeconds === undefined || !Number.isFinite(askedSeconds) || askedSeconds <= 0) return 0;
    return Math.min(askedSeconds, this.policy.maxAskedSeconds);
  }

  recordSuccess(provider: Provider): void {
    const state = this.states.get(provider);
    if (state) state.failures = 0;
  }
}
