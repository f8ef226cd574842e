import { describe, expect, it } from 'vitest';
import { dismiss, isDismissed } from './dismissals.js';
import { sessionWrite } from './session-store.js';

const HOUR = 3_600_000;

describe('dismissals (memory fallback outside a browser)', () => {
  it('hide a fingerprint until the host limit, and never longer than the current limit', () => {
    const key = 'relink:https://relink.test:dismissed';
    const now = Date.UTC(2030, 0, 1);
    expect(dismiss(key, 'reauth:a@1', now, 4)).toBe(now + 4 * HOUR);
    expect(isDismissed(key, 'reauth:a@1', now + 3 * HOUR, 4)).toBe(true);
    expect(isDismissed(key, 'reauth:a@1', now + 4 * HOUR, 4)).toBe(false);
    // The host lowered dismiss-hours to 1: the old dismissal ends after 1 h.
    expect(isDismissed(key, 'reauth:a@1', now + 2 * HOUR, 1)).toBe(false);
    expect(isDismissed(key, 'reauth:a@2', now, 4)).toBe(false);
  });

  it('hide nothing when dismissing is off (0 hours)', () => {
    const key = 'relink:https://relink.test/0:dismissed';
    const now = Date.UTC(2030, 0, 1);
    dismiss(key, 'x', now, 0);
    expect(isDismissed(key, 'x', now, 0)).toBe(false);
  });

  it('forget expired dismissals and survive garbage in storage', () => {
    const now = Date.UTC(2030, 0, 1);
    const key = 'relink:https://relink.test/g:dismissed';
    dismiss(key, 'old', now, 1);
    dismiss(key, 'new', now + 2 * HOUR, 1);
    expect(isDismissed(key, 'old', now + 2 * HOUR, 1)).toBe(false);
    expect(isDismissed(key, 'new', now + 2 * HOUR, 1)).toBe(true);
    for (const garbage of [null, 'x', 7, { x: 'y' }, { x: { at: 'a', until: [] } }]) {
      sessionWrite('relink:h', garbage);
      expect(isDismissed('relink:h', 'x', now, 4)).toBe(false);
      dismiss('relink:h', 'y', now, 4);
      expect(isDismissed('relink:h', 'y', now, 4)).toBe(true);
    }
  });
});
