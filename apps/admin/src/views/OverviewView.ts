import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ResultOf } from '../api/GraphqlClient.js';
import { OVERVIEW } from '../api/operations.js';
import { CAUSES, STATUSES, type StatusChange } from '../api/types.js';
import type { SeriesInfo } from '../charts/StackedBarChart.js';
import type { StackedDatum } from '../charts/scale.js';
import { errorMessage, providerName, statusBadge } from '../components/templates.js';
import { formatCount, formatDateTime, formatDay, formatDuration, formatHours, formatRelative, secondsBetween } from '../format/format.js';
import { CAUSE_COLORS, CAUSE_LABELS } from '../format/labels.js';
import { routeHash, withParams } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { DataView } from './DataView.js';

type OverviewData = ResultOf<typeof OVERVIEW>;

const RANGES = [30, 90] as const;
const CAUSE_SERIES: Record<string, SeriesInfo> = Object.fromEntries(CAUSES.map((c) => [c, { label: CAUSE_LABELS[c], color: CAUSE_COLORS[c] }]));
const UNTRACKED_SERIES: Record<string, SeriesInfo> = { untracked: { label: 'Untracked hours', color: '#0b5cad' } };

/**
 * The answer to "why did my ads stop tracking?" across every tenant on one screen: counts, the causes
 * over time, untracked hours, what is broken longest and who is hit hardest, plus changes as they happen.
 */
export class OverviewView extends DataView<OverviewData> {
  static override styles = [
    sharedStyles,
    css`
      .head { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; align-items: flex-end; }
      .range { display: flex; gap: 0.25rem; }
      .range button[aria-pressed='true'] { background: var(--admin-accent); color: #fff; }
      .range button[aria-pressed='false'] { background: var(--admin-surface); color: var(--admin-accent); }
      .stats { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin: 1rem 0; }
      .stats .card p { margin: 0; }
      .status-list { list-style: none; padding: 0; margin: 0.5rem 0 0; display: grid; gap: 0.25rem; }
      .status-list a { text-decoration: none; color: inherit; display: flex; justify-content: space-between; gap: 1rem; }
      .status-list a:hover .badge { text-decoration: underline; }
      .feed { list-style: none; padding: 0; margin: 0; }
      .feed li { padding: 0.4rem 0; border-bottom: 1px solid var(--admin-border); }
      section { margin-top: 1.5rem; }
    `,
  ];

  /** The latest live changes, newest first (kept by admin-app). */
  @property({ attribute: false }) recent: StatusChange[] = [];

  private get days(): number {
    return this.route.params.get('days') === '90' ? 90 : 30;
  }

  protected dataKey(): string {
    return `days=${this.days}`;
  }

  protected async fetchData(signal: AbortSignal): Promise<OverviewData> {
    return this.client.request(OVERVIEW, { days: this.days }, signal);
  }

  override render() {
    const data = this.data;
    return html`
      <div class="head">
        <div>
          <h1 tabindex="-1">Overview</h1>
          <p class="lede">Every tenant at a glance: what is broken, why, and for how long.</p>
        </div>
        <div class="range" role="group" aria-label="Period">
          ${RANGES.map((d) => html`<button type="button" aria-pressed=${this.days === d ? 'true' : 'false'} @click=${() => this.setDays(d)}>Last ${d} days</button>`)}
        </div>
      </div>
      ${errorMessage(this.error, () => void this.refresh())}
      ${!data && this.loading ? html`<p class="muted" role="status">Loading the overview…</p>` : nothing}
      ${data ? this.renderData(data) : nothing}
    `;
  }

  private renderData(data: OverviewData) {
    const counts = new Map(data.healthSummary.byStatus.map((s) => [s.status, s.count]));
    const needing = (counts.get('EXPIRED') ?? 0) + (counts.get('REVOKED') ?? 0);
    return html`
      <div class="stats">
        <div class="card"><p class="muted">Integrations</p><p class="stat" data-stat="total">${formatCount(data.healthSummary.total)}</p>
          <p class="muted">${providerName('FACEBOOK')} ${formatCount(data.facebook.totalCount)} · ${providerName('GOOGLE')} ${formatCount(data.google.totalCount)}</p></div>
        <div class="card"><p class="muted">Need the customer to reauthorize</p><p class="stat" data-stat="needing">${formatCount(needing)}</p>
          <p><a href=${routeHash('integrations', { status: 'REVOKED,EXPIRED' })}>See them all</a></p></div>
        <div class="card"><p class="muted">Untracked time, last ${this.days} days</p><p class="stat">${formatHours(data.healthSummary.untrackedSeconds)}</p>
          <p class="muted">summed over integrations</p></div>
        <div class="card"><p class="muted">By status</p>
          <ul class="status-list">
            ${STATUSES.map((s) => html`<li><a href=${routeHash('integrations', { status: s })}>${statusBadge(s)}<span>${formatCount(counts.get(s) ?? 0)}</span></a></li>`)}
          </ul></div>
      </div>

      <div class="grid">
        <section class="card">
          <h2>Invalidations per day, by cause</h2>
          <p class="muted">Each bar is a day; colours are causes. A tall single colour on one day usually means one person's account broke many integrations.</p>
          <stacked-bar-chart label="Invalidations per day by cause, last ${this.days} days" .data=${this.invalidationSeries(data)} .series=${CAUSE_SERIES}
            .format=${(v: number) => formatCount(v)} .formatLabel=${formatDay}></stacked-bar-chart>
        </section>
        <section class="card">
          <h2>Untracked hours per day</h2>
          <p class="muted">Hours of ad data not collected, summed over every integration.</p>
          <stacked-bar-chart label="Untracked hours per day, last ${this.days} days" .data=${data.untrackedByDay.map((d) => ({ label: d.day, segments: [{ key: 'untracked', value: d.seconds / 3600 }] }))}
            .series=${UNTRACKED_SERIES} .format=${(hours: number) => formatHours(hours * 3600)} .formatLabel=${formatDay}></stacked-bar-chart>
        </section>
      </div>

      <div class="grid">
        <section>
          <h2 id="longest">Broken longest</h2>
          ${data.longestBroken.length === 0
            ? html`<p class="ok">Nothing is untracked right now.</p>`
            : html`<table aria-labelledby="longest">
                <thead><tr><th scope="col">Integration</th><th scope="col">Tenant</th><th scope="col">Cause</th><th scope="col" class="num">Untracked for</th></tr></thead>
                <tbody>${data.longestBroken.map((i) => html`<tr>
                  <td><a href=${routeHash('integration', {}, i.id)}>${i.name}</a> <span class="muted">(${providerName(i.provider)})</span></td>
                  <td>${i.tenant?.name ?? '—'}</td>
                  <td>${statusBadge(i.status)} ${i.cause?.title ?? ''}</td>
                  <td class="num">${i.untrackedSince ? formatDuration(secondsBetween(i.untrackedSince, null)) : '—'}</td>
                </tr>`)}</tbody>
              </table>`}
        </section>
        <section>
          <h2 id="tenants">Tenants with the most untracked hours</h2>
          ${data.tenantUntrackedRanking.length === 0
            ? html`<p class="ok">No tenant lost tracking in the last ${this.days} days.</p>`
            : html`<table aria-labelledby="tenants">
                <thead><tr><th scope="col">Tenant</th><th scope="col" class="num">Untracked, ${this.days} days</th><th scope="col" class="num">Broken now</th></tr></thead>
                <tbody>${data.tenantUntrackedRanking.map((t) => html`<tr>
                  <td><a href=${routeHash('integrations', { tenant: t.tenantId })}>${t.tenant?.name ?? t.tenantId}</a></td>
                  <td class="num">${formatHours(t.untrackedSeconds)}</td>
                  <td class="num">${formatCount(t.brokenCount)}</td>
                </tr>`)}</tbody>
              </table>`}
        </section>
      </div>

      <section class="card" aria-labelledby="live-heading">
        <h2 id="live-heading">Live changes</h2>
        ${this.recent.length === 0
          ? html`<p class="muted">Status changes appear here the moment they happen, without reloading.</p>`
          : html`<ul class="feed" data-live-feed>
              ${this.recent.map((c) => html`<li>
                <a href=${routeHash('integration', {}, c.id)}>${c.name}</a> is now ${statusBadge(c.status)}${c.cause ? html` — ${c.cause.title}` : nothing}
                <span class="muted">· ${formatRelative(c.statusChangedAt)} (${formatDateTime(c.statusChangedAt)})</span>
              </li>`)}
            </ul>`}
      </section>
    `;
  }

  /** Days in order with one segment per cause (every day present, zeros included). */
  private invalidationSeries(data: OverviewData): StackedDatum[] {
    const days = data.untrackedByDay.map((d) => d.day);
    const byDay = new Map<string, Map<string, number>>();
    for (const row of data.invalidationsByDay) {
      const day = byDay.get(row.day) ?? new Map<string, number>();
      day.set(row.cause, (day.get(row.cause) ?? 0) + row.count);
      byDay.set(row.day, day);
      if (!days.includes(row.day)) days.push(row.day);
    }
    days.sort();
    return days.map((day) => ({ label: day, segments: CAUSES.map((c) => ({ key: c, value: byDay.get(day)?.get(c) ?? 0 })) }));
  }

  private setDays(days: number): void {
    this.navigate(routeHash('overview', withParams(this.route.params, { days: days === 30 ? null : String(days) })));
  }
}
