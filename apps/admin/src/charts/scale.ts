/** A "nice" axis maximum ≥ `max` (1, 2, 2.5 or 5 × a power of ten) and evenly spaced ticks up to it. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 1000; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export interface Segment {
  key: string;
  value: number;
}

export interface StackedDatum {
  /** Category label, e.g. a UTC day `2025-03-04`. */
  label: string;
  segments: Segment[];
}

export interface BarRect {
  key: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StackedBar {
  label: string;
  total: number;
  x: number;
  width: number;
  rects: BarRect[];
}

export interface StackedLayout {
  bars: StackedBar[];
  /** Y ticks with their pixel position. */
  yTicks: Array<{ value: number; y: number }>;
  /** Which bars get an x label (about `maxLabels` of them, always the last). */
  xLabels: Array<{ label: string; x: number }>;
  plot: { left: number; top: number; width: number; height: number };
}

export interface LayoutBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  maxLabels?: number;
}

/** Pixel geometry of a stacked bar chart; segments stack bottom-up in the given order, zeros skipped. */
export function stackedLayout(data: readonly StackedDatum[], box: LayoutBox): StackedLayout {
  const plot = { left: box.left, top: box.top, width: box.width - box.left - box.right, height: box.height - box.top - box.bottom };
  const totals = data.map((d) => d.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks.at(-1) ?? 1;
  const slot = data.length ? plot.width / data.length : plot.width;
  const barWidth = Math.max(1, slot * 0.78);
  const yOf = (value: number) => plot.top + plot.height - (value / top) * plot.height;

  const bars = data.map((datum, i) => {
    const x = plot.left + i * slot + (slot - barWidth) / 2;
    let base = 0;
    const rects: BarRect[] = [];
    for (const segment of datum.segments) {
      if (!(segment.value > 0)) continue;
      const y = yOf(base + segment.value);
      rects.push({ key: segment.key, value: segment.value, x, y, width: barWidth, height: yOf(base) - y });
      base += segment.value;
    }
    return { label: datum.label, total: totals[i] ?? 0, x, width: barWidth, rects };
  });

  const every = Math.max(1, Math.ceil(data.length / (box.maxLabels ?? 6)));
  const xLabels = bars
    .map((bar, i) => ({ bar, i }))
    .filter(({ i }) => (data.length - 1 - i) % every === 0)
    .map(({ bar }) => ({ label: bar.label, x: bar.x + bar.width / 2 }));

  return { bars, yTicks: ticks.map((value) => ({ value, y: yOf(value) })), xLabels, plot };
}

export interface TimeSpan {
  start: number;
  end: number;
}

/** Maps times in [from, to] onto [left, left + width], clamped. */
export function timeScale(from: number, to: number, left: number, width: number): (t: number) => number {
  const span = Math.max(1, to - from);
  return (t: number) => left + (Math.min(to, Math.max(from, t)) - from) / span * width;
}

/** Midnight-UTC ticks between two times, about `maxTicks` of them, on whole-day multiples. */
export function dayTicks(from: number, to: number, maxTicks = 6): number[] {
  const DAY = 86_400_000;
  const days = Math.max(1, (to - from) / DAY);
  const step = [1, 2, 7, 14, 30, 60, 90].find((s) => days / s <= maxTicks) ?? Math.ceil(days / maxTicks);
  const first = Math.ceil(from / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step * DAY) ticks.push(t);
  return ticks;
}
