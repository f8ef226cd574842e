import { createHash } from 'node:crypto';

/**
 * Which cache tenant a credential (Authorization + Origin) belonged to when last authenticated, so the
 * front door can send a request that cannot be a hit straight to Apollo without authenticating it
 * twice. Only a hint for skipping: serving from the cache always authenticates first. Credentials are
 * kept as sha256 digests, never as tokens; least recently set dropped beyond `max`.
 */
export class ViewerHints {
  private readonly hints = new Map<string, string>();

  constructor(private readonly max = 50_000) {}

  static keyOf(authorization: string | undefined, origin: string | undefined): string | undefined {
    return authorization ? createHash('sha256').update(`${authorization}\n${origin ?? ''}`).digest('base64') : undefined;
  }

  get(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.hints.get(key);
  }

  set(key: string | undefined, tenantKey: string): void {
    if (key === undefined || this.hints.get(key) === tenantKey) return;
    this.hints.delete(key);
    this.hints.set(key, tenantKey);
    if (this.hints.size > this.max) this.hints.delete(this.hints.keys().next().value!);
  }
}
