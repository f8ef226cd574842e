import { describe, expect, it } from 'vitest';
import { Dismissals } from './dismissals.js';

const HOUR = 3_600_000;

describe('Dismissals (memory fallback outside a browser)', () => {
  it('hides a fingerprint until the host limit, and never longer than the current limit', () => {
    const dismissals = new Dismissals('https://relink.test');
    const now = Date.UTC(2030, 0, 1);
    expect(dismissals.dismiss('reauth:a@1', now, 4)).toBe(now + 4 * HOUR);
    expect(dismissals.isDismissed('reauth:a@1', now + 3 * HOUR, 4)).toBe(true);
    expect(dismissals.isDismissed('reauth:a@1', now + 4 * HOUR, 4)).toBe(false);
    // The host lowered dismiss-hours to 1: the old dismissal ends after 1 h.
    expect(dismissals.isDismissed('reauth:a@1', now + 2 * HOUR, 1)).toBe(false);
    expect(dismissals.isDismissed('reauth:a@2', now, 4)).toBe(false);
    expect(dismissals.nextExpiry(now, 4)).toBe(now + 4 * HOUR);
  });

  it('does not hide anything when dismissing is off (0 hours)', () => {
    const dismissals = new Dismissals('https://relink.test/0');
    const now = Date.UTC(2030, 0, 1);
    dismissals.dismiss('x', now, 0);
    expect(dismissals.isDismissed('x', now, 0)).toBe(false);
  });
});
