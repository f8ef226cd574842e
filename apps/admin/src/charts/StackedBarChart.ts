import { css, html, LitElement, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { stackedLayout, type StackedDatum } from './scale.js';

export interface SeriesInfo {
  label: string;
  color: string;
}

/** A colour chip as SVG: a presentation attribute, so no inline style is needed under the CSP. */
export function swatch(color = '#57606a') {
  return html`<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill=${color}></rect></svg>`;
}

const BOX = { width: 760, height: 240, left: 48, right: 8, top: 12, bottom: 28, maxLabels: 8 };

/**
 * A hand-drawn stacked bar chart (SVG). The picture is one image with a spoken summary; the same
 * numbers are a real table under "Show the numbers", so nothing depends on seeing colours.
 */
export class StackedBarChart extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      svg.chart { width: 100%; height: auto; display: block; }
      .axis text { font-size: 11px; fill: #57606a; }
      .axis line { stroke: #d0d7de; }
      .axis .base { stroke: #8c959f; }
      rect.bar:hover { opacity: 0.8; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.875rem; }
      .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.35rem; vertical-align: -0.1rem; }
      details { margin-top: 0.5rem; }
      summary { cursor: pointer; color: var(--admin-accent); }
      .table-wrap { max-height: 16rem; overflow: auto; }
    `,
  ];

  /** One datum per category (day), segments in stacking order. */
  @property({ attribute: false }) data: StackedDatum[] = [];
  /** Label and colour per segment key. */
  @property({ attribute: false }) series: Record<string, SeriesInfo> = {};
  /** How a value reads, e.g. `3 invalidations` or `4.5 h`. */
  @property({ attribute: false }) format: (value: number) => string = (v) => String(v);
  /** How a category label reads, e.g. a day → `4 Mar`. */
  @property({ attribute: false }) formatLabel: (label: string) => string = (l) => l;
  /** Short title; also the image's accessible name. */
  @property() label = '';

  override render() {
    const layout = stackedLayout(this.data, BOX);
    const totals = new Map<string, number>();
    for (const d of this.data) for (const s of d.segments) totals.set(s.key, (totals.get(s.key) ?? 0) + s.value);
    const present = [...totals.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    const grand = present.reduce((sum, [, v]) => sum + v, 0);
    const peak = layout.bars.reduce((best, bar) => (bar.total > (best?.total ?? 0) ? bar : best), layout.bars[0]);
    const description =
      grand === 0
        ? `${this.label}: nothing in this period.`
        : `${this.label}: ${this.format(grand)} in total` +
          (peak && peak.total > 0 ? `, highest on ${this.formatLabel(peak.label)} (${this.format(peak.total)})` : '') +
          (present.length > 1 ? `. Largest: ${present.slice(0, 3).map(([k, v]) => `${this.series[k]?.label ?? k} ${this.format(v)}`).join(', ')}.` : '.');
    return html`
      <svg class="chart" viewBox="0 0 ${BOX.width} ${BOX.height}" role="img" aria-label=${description}>
        <g class="axis" aria-hidden="true">
          ${layout.yTicks.map(
            (t, i) => svg`<line class=${i === 0 ? 'base' : ''} x1=${layout.plot.left} x2=${layout.plot.left + layout.plot.width} y1=${t.y} y2=${t.y}></line>
              <text x=${layout.plot.left - 6} y=${t.y + 4} text-anchor="end">${this.format(t.value)}</text>`,
          )}
          ${layout.xLabels.map((l) => svg`<text x=${l.x} y=${BOX.height - 8} text-anchor="middle">${this.formatLabel(l.label)}</text>`)}
        </g>
        <g aria-hidden="true">
          ${layout.bars.map((bar) =>
            bar.rects.map(
              (r) => svg`<rect class="bar" data-key=${r.key} x=${r.x} y=${r.y} width=${r.width} height=${Math.max(0.5, r.height)} fill=${this.series[r.key]?.color ?? '#57606a'}>
                <title>${this.formatLabel(bar.label)}: ${this.series[r.key]?.label ?? r.key} ${this.format(r.value)} (total ${this.format(bar.total)})</title>
              </rect>`,
            ),
          )}
        </g>
      </svg>
      ${present.length > 1 || (present.length === 1 && Object.keys(this.series).length > 1)
        ? html`<ul class="legend" aria-label="Legend">
            ${present.map(([key, value]) => html`<li>${swatch(this.series[key]?.color)}${this.series[key]?.label ?? key}: ${this.format(value)}</li>`)}
          </ul>`
        : nothing}
      <details>
        <summary>Show the numbers</summary>
        <div class="table-wrap">${this.renderTable(present.map(([k]) => k))}</div>
      </details>
    `;
  }

  private renderTable(keys: string[]) {
    const rows = this.data.filter((d) => d.segments.some((s) => s.value > 0));
    if (rows.length === 0) return html`<p class="muted">No data in this period.</p>`;
    const single = keys.length <= 1;
    return html`<table>
      <caption class="visually-hidden">${this.label}</caption>
      <thead><tr><th scope="col">Day</th>${single ? nothing : keys.map((k) => html`<th scope="col" class="num">${this.series[k]?.label ?? k}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
      <tbody>
        ${rows.map((d) => {
          const byKey = new Map(d.segments.map((s) => [s.key, s.value]));
          const total = d.segments.reduce((sum, s) => sum + s.value, 0);
          return html`<tr><th scope="row">${this.formatLabel(d.label)}</th>${single ? nothing : keys.map((k) => html`<td class="num">${byKey.get(k) ? this.format(byKey.get(k) ?? 0) : ''}</td>`)}<td class="num">${this.format(total)}</td></tr>`;
        })}
      </tbody>
    </table>`;
  }
}
