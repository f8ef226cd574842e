import { describe, expect, it } from 'vitest';
import { dayTicks, niceTicks, stackedLayout, timeScale } from './scale.js';

describe('niceTicks', () => {
  it('rounds the top up to a nice number', () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(0.3).at(-1)).toBeGreaterThanOrEqual(0.3);
  });
});

describe('stackedLayout', () => {
  const box = { width: 400, height: 200, left: 40, right: 0, top: 0, bottom: 20 };

  it('stacks segments bottom-up and scales to the nice top', () => {
    const layout = stackedLayout(
      [
        { label: 'a', segments: [{ key: 'x', value: 2 }, { key: 'y', value: 6 }] },
        { label: 'b', segments: [{ key: 'x', value: 0 }, { key: 'y', value: 4 }] },
      ],
      box,
    );
    expect(layout.yTicks.at(-1)?.value).toBe(8);
    const [a, b] = layout.bars;
    expect(a!.total).toBe(8);
    expect(a!.rects.map((r) => r.key)).toEqual(['x', 'y']);
    expect(a!.rects[0]!.y + a!.rects[0]!.height).toBeCloseTo(180);
    expect(a!.rects[1]!.y).toBeCloseTo(0);
    expect(b!.rects).toHaveLength(1);
    expect(b!.rects[0]!.height).toBeCloseTo(90);
    expect(b!.x).toBeGreaterThan(a!.x);
  });

  it('labels about maxLabels bars including the last', () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ label: `d${i}`, segments: [] }));
    const layout = stackedLayout(data, { ...box, maxLabels: 5 });
    expect(layout.xLabels.length).toBeLessThanOrEqual(6);
    expect(layout.xLabels.at(-1)?.label).toBe('d29');
  });
});

describe('time axis', () => {
  it('clamps and spaces day ticks', () => {
    const scale = timeScale(0, 100, 10, 200);
    expect(scale(50)).toBe(110);
    expect(scale(-5)).toBe(10);
    expect(scale(500)).toBe(210);
    const DAY = 86_400_000;
    const ticks = dayTicks(0.5 * DAY, 90 * DAY);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]! % DAY).toBe(0);
  });
});
