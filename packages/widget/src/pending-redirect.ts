import type { Provider } from './integration.js';
import { SessionRecord } from './session-record.js';

/** A reauthorization begun by a full-page redirect, remembered to confirm it after the return. */
export interface PendingRedirect {
  integrationIds: string[];
  names: string[];
  provider: Provider;
  at: number;
}

function isPendingRedirect(value: unknown): value is PendingRedirect {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<PendingRedirect>;
  return (
    Array.isArray(v.integrationIds) &&
    v.integrationIds.every((id) => typeof id === 'string') &&
    Array.isArray(v.names) &&
    v.names.every((name) => typeof name === 'string') &&
    (v.provider === 'FACEBOOK' || v.provider === 'GOOGLE') &&
    typeof v.at === 'number'
  );
}

const MAX_AGE_MS = 30 * 60_000;

/** The record for one Relink origin; `take()` returns a fresh pending redirect once and forgets it. */
export class PendingRedirects {
  private readonly record: SessionRecord<PendingRedirect>;

  constructor(scope: string) {
    this.record = new SessionRecord(`relink:${scope}:pending-redirect`, isPendingRedirect);
  }

  save(pending: PendingRedirect): void {
    this.record.write(pending);
  }

  take(now: number): PendingRedirect | null {
    const pending = this.record.read();
    this.record.remove();
    return pending && now - pending.at < MAX_AGE_MS ? pending : null;
  }
}
