import { describe, expect, it } from 'vitest';
import { ViewerHints } from './ViewerHints.js';

describe('ViewerHints', () => {
  it('remembers a credential (token + origin) by digest only, within bounds', () => {
    const hints = new ViewerHints(2);
    const a = ViewerHints.keyOf('Bearer rlk_live_a', undefined);
    const aElsewhere = ViewerHints.keyOf('Bearer rlk_live_a', 'https://b.example');
    expect(a).not.toContain('rlk_live_a');
    expect(a).not.toBe(aElsewhere);
    expect(ViewerHints.keyOf(undefined, 'https://b.example')).toBeUndefined();
    hints.set(a, 'TENANT:1');
    hints.set(aElsewhere, 'WIDGET:1');
    expect(hints.get(a)).toBe('TENANT:1');
    hints.set(ViewerHints.keyOf('Bearer x', undefined), 'TENANT:2');
    expect(hints.get(a)).toBeUndefined();
    expect(hints.get(aElsewhere)).toBe('WIDGET:1');
    expect(hints.get(undefined)).toBeUndefined();
  });
});
