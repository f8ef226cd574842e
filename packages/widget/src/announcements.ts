import { SessionRecord } from './session-record.js';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const KEEP = 200;

/**
 * Invalidations already announced to assistive technology in this browser session. A banner is
 * `role="alert"` the first time its fingerprint is seen and a plain labelled group afterwards, so
 * a screen reader hears each invalidation once, not on every page of the host app.
 */
export class Announcements {
  private readonly record: SessionRecord<string[]>;
  private readonly decided = new Map<string, boolean>();

  constructor(scope: string) {
    this.record = new SessionRecord(`relink:${scope}:announced`, isStringList);
  }

  /** Whether this fingerprint is announced (decided once per element, then stable). */
  shouldAnnounce(fingerprint: string): boolean {
    const known = this.decided.get(fingerprint);
    if (known !== undefined) return known;
    const seen = this.record.read() ?? [];
    const announce = !seen.includes(fingerprint);
    this.decided.set(fingerprint, announce);
    if (announce) this.record.write([...seen, fingerprint].slice(-KEEP));
    return announce;
  }
}
