import { describe, expect, it } from 'vitest';
import { Dismissals } from './dismissals.js';
import { sessionWrite } from './session-store.js';

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
  });

  it('does not hide anything when dismissing is off (0 hours)', () => {
    const dismissals = new Dismissals('https://relink.test/0');
    const now = Date.UTC(2030, 0, 1);
    dismissals.dismiss('x', now, 0);
    expect(dismissals.isDismissed('x', now, 0)).toBe(false);
  });

  it('forgets expired dismissals and survives garbage in storage', () => {
    const now = Date.UTC(2030, 0, 1);
    const dismissals = new Dismissals('https://relink.test/g');
    dismissals.dismiss('old', now, 1);
    dismissals.dismiss('new', now + 2 * HOUR, 1);
    expect(dismissals.isDismissed('old', now + 2 * HOUR, 1)).toBe(false);
    expect(dismissals.isDismissed('new', now + 2 * HOUR, 1)).toBe(true);
    for (const garbage of [null, 'x', 7, { x: 'y' }, { x: { at: 'a', until: [] } }]) {
      sessionWrite('relink:https://relink.test/h:dismissed', garbage);
      const fresh = new Dismissals('https://relink.test/h');
      expect(fresh.isDismissed('x', now, 4)).toBe(false);
      fresh.dismiss('y', now, 4);
      expect(fresh.isDismissed('y', now, 4)).toBe(true);
    }
  });
});
