import { css, html, LitElement, svg } from 'lit';
import { property } from 'lit/decorators.js';
import type { IntegrationEvent, UntrackedWindow } from '../api/types.js';
import { formatDateTime, formatDay, formatDuration, secondsBetween } from '../format/format.js';
import { CAUSE_COLORS, CAUSE_LABELS, eventTypeLabel } from '../format/labels.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { dayTicks, timeScale } from './scale.js';

const W = 1100;
const H = 132;
const LEFT = 8;
const RIGHT = 8;
const LANE_Y = 34;
const LANE_H = 30;
const EVENT_Y = 92;

/**
 * An integration's untracked windows on a time axis (SVG): each window a bar from its start to its end
 * (open ones run to now, hatched), labelled with its duration where there is room; events as marks
 * below. The windows are also listed in a table by the detail view, so nothing depends on the picture.
 */
export class WindowTimeline extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      svg { width: 100%; height: auto; display: block; }
      text { font-size: 11px; fill: #57606a; }
      text.duration { font-weight: 600; }
      text.inside { fill: #ffffff; }
      text.outside { fill: #1f2328; }
      line.tick { stroke: #d0d7de; }
      line.axis { stroke: #8c959f; }
      .lane { fill: #eaf5ec; }
    `,
  ];

  @property({ attribute: false }) windows: UntrackedWindow[] = [];
  @property({ attribute: false }) events: IntegrationEvent[] = [];
  /** Start of the axis (ISO). */
  @property() from = '';
  /** End of the axis (ISO); default now. */
  @property() to = '';

  override render() {
    const now = new Date();
    const to = this.to ? new Date(this.to).getTime() : now.getTime();
    const from = this.from ? new Date(this.from).getTime() : to - 30 * 86_400_000;
    const x = timeScale(from, to, LEFT, W - LEFT - RIGHT);
    const total = this.windows.reduce((sum, w) => sum + w.seconds, 0);
    const open = this.windows.find((w) => !w.endedAt);
    const description =
      `Untracked windows from ${formatDay(new Date(from).toISOString().slice(0, 10))} to now: ${this.windows.length} window${this.windows.length === 1 ? '' : 's'}, ${formatDuration(total)} untracked in total` +
      (open ? `; one still open since ${formatDateTime(open.startedAt)}.` : '.');
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${description}>
      <defs>
        <pattern id="open-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#c62828"></rect>
          <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"></line>
        </pattern>
      </defs>
      <g aria-hidden="true">
        <rect class="lane" x=${LEFT} y=${LANE_Y} width=${W - LEFT - RIGHT} height=${LANE_H}></rect>
        ${dayTicks(from, to).map(
          (t) => svg`<line class="tick" x1=${x(t)} x2=${x(t)} y1=${LANE_Y - 4} y2=${EVENT_Y + 10}></line>
            <text x=${x(t)} y=${H - 4} text-anchor=${x(t) < LEFT + 24 ? 'start' : x(t) > W - RIGHT - 24 ? 'end' : 'middle'}>${formatDay(new Date(t).toISOString().slice(0, 10))}</text>`,
        )}
        <line class="axis" x1=${LEFT} x2=${W - RIGHT} y1=${LANE_Y + LANE_H} y2=${LANE_Y + LANE_H}></line>
        ${this.windows.map((w) => {
          const x1 = x(new Date(w.startedAt).getTime());
          const x2 = w.endedAt ? x(new Date(w.endedAt).getTime()) : x(to);
          const width = Math.max(2, x2 - x1);
          const seconds = w.endedAt ? w.seconds : secondsBetween(w.startedAt, null, now);
          const label = formatDuration(seconds);
          const fits = Boolean(w.endedAt) && width > label.length * 6.5 + 6;
          const showLabel = fits || !w.endedAt;
          return svg`<g class="window" data-open=${w.endedAt ? 'false' : 'true'}>
            <rect x=${x1} y=${LANE_Y} width=${width} height=${LANE_H} fill=${w.endedAt ? (w.cause ? CAUSE_COLORS[w.cause] : '#616161') : 'url(#open-hatch)'}>
              <title>${w.cause ? CAUSE_LABELS[w.cause] : 'Untracked'}: ${formatDateTime(w.startedAt)} – ${w.endedAt ? formatDateTime(w.endedAt) : 'now (still open)'} (${label})</title>
            </rect>
            ${showLabel
              ? svg`<text x=${fits ? x1 + width / 2 : Math.max(LEFT, x2 - 4)} y=${fits ? LANE_Y + LANE_H / 2 + 4 : LANE_Y - 6} text-anchor=${fits ? 'middle' : 'end'} class="duration ${fits ? 'inside' : 'outside'}">${label}</text>`
              : ''}
          </g>`;
        })}
        ${this.events.map((e) => {
          const cx = x(new Date(e.at).getTime());
          const bad = e.status === 'REVOKED' || e.status === 'EXPIRED';
          return svg`<circle cx=${cx} cy=${EVENT_Y} r="4" fill=${bad ? '#c62828' : e.status === 'HEALTHY' ? '#1a7f37' : '#57606a'}>
            <title>${formatDateTime(e.at)}: ${eventTypeLabel(e.type)} → ${e.status}</title>
          </circle>`;
        })}
        <text x=${LEFT} y=${EVENT_Y - 10}>Events</text>
      </g>
    </svg>`;
  }
}
