import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ApiError } from '../api/ApiError.js';
import { DISCONNECT, INTEGRATION_DETAIL, RECHECK, START_REAUTHORIZATION } from '../api/operations.js';
import type { IntegrationDetail, IntegrationEvent, Notification, StatusChange } from '../api/types.js';
import { errorMessage, providerName, statusBadge } from '../components/templates.js';
import { formatDateTime, formatDuration, formatRelative, secondsBetween } from '../format/format.js';
import { actorLabel, CAUSE_LABELS, eventTypeLabel, STATUS_LABELS } from '../format/labels.js';
import { routeHash, theirIntegrationsHash } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { DataView } from './DataView.js';

interface DetailData {
  integration: IntegrationDetail | null;
}

type TimelineEntry = { at: string; event: IntegrationEvent } | { at: string; notification: Notification };

interface Outcome {
  kind: 'ok' | 'error';
  text: string;
  advice?: string;
}

const DAY = 86_400_000;

/**
 * One integration: why it is (not) working in plain words, its dates and who authorized it, its
 * history and untracked windows on a time axis, and the fixes: recheck now, a reauthorization link
 * for the customer (audited), disconnect (confirmed first).
 */
export class IntegrationDetailView extends DataView<DetailData> {
  static override styles = [
    sharedStyles,
    css`
      .back { display: inline-block; margin-bottom: 0.75rem; }
      .meta { color: var(--admin-muted); margin: 0 0 1rem; }
      .status-line { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; font-size: 1.05rem; margin-bottom: 1rem; }
      .cause h2 { margin-top: 0; }
      .cause.security { border-left: 4px solid #b42318; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
      .link-box { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .link-box input { flex: 1 1 24rem; min-width: 12rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8125rem; }
      dialog { border: 1px solid var(--admin-border); border-radius: 8px; max-width: 32rem; padding: 1.25rem; }
      dialog::backdrop { background: rgb(13 27 42 / 0.5); }
      .dialog-actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1rem; }
      ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--admin-border); }
      ol.timeline li { position: relative; padding: 0.35rem 0 0.6rem 1rem; }
      ol.timeline li::before { content: ''; position: absolute; left: -0.42rem; top: 0.75rem; width: 0.7rem; height: 0.7rem; border-radius: 50%; background: #8c959f; }
      ol.timeline li.bad::before { background: #c62828; }
      ol.timeline li.good::before { background: #1a7f37; }
      ol.timeline .when { color: var(--admin-muted); font-size: 0.875rem; }
    `,
  ];

  @state() private busy: '' | 'recheck' | 'reauth' | 'disconnect' = '';
  @state() private outcome: Outcome | null = null;
  @state() private reauthLink: { url: string; expiresAt: string } | null = null;
  @state() private copied = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  protected dataKey(): string {
    return this.route.id ?? '';
  }

  protected async fetchData(signal: AbortSignal): Promise<DetailData> {
    const { integration } = await this.client.request(INTEGRATION_DETAIL, { id: this.route.id ?? '' }, signal);
    return { integration };
  }

  protected override changeMatters(change: StatusChange): boolean {
    return change.id === this.route.id;
  }

  private backHash(): string {
    return `#/integrations${this.route.params.get('back') ? `?${this.route.params.get('back')}` : ''}`;
  }

  override render() {
    const i = this.data?.integration ?? null;
    return html`
      <a class="back" href=${this.backHash()}>← Back to integrations</a>
      ${i ? this.renderIntegration(i) : html`<h1 tabindex="-1">Integration</h1>`}
      ${errorMessage(this.error, () => void this.refresh())}
      ${!i && this.loading ? html`<p class="muted" role="status">Loading the integration…</p>` : nothing}
      ${this.data && !i && !this.loading && !this.error
        ? html`<div class="error" role="alert"><p><strong>No integration with this id.</strong></p><p>It may have been deleted, or the link is mistyped. Go back to the list and search for it by name or account id.</p></div>`
        : nothing}
    `;
  }

  private renderIntegration(i: IntegrationDetail) {
    const now = new Date();
    return html`
      <h1 tabindex="-1">${i.name}</h1>
      <p class="meta">${providerName(i.provider)} ad account <span class="mono">${i.externalAccountId}</span> ·
        tenant <a href=${routeHash('integrations', { tenant: i.tenantId })}>${i.tenant?.name ?? i.tenantId}</a></p>
      <div class="status-line" data-status=${i.status}>
        ${statusBadge(i.status)}
        <span>since ${formatDateTime(i.statusChangedAt)} (${formatRelative(i.statusChangedAt, now)})</span>
        ${i.untrackedSince ? html`<strong>Untracked for ${formatDuration(secondsBetween(i.untrackedSince, null, now))}</strong>` : nothing}
      </div>
      ${i.cause ? this.renderCause(i) : this.renderHealthyNote(i)}
      ${this.renderActions(i)}

      <div class="grid">
        <section>
          <h2>Facts</h2>
          <dl class="facts">
            <dt>Token expires</dt><dd>${i.tokenExpiresAt ? `${formatDateTime(i.tokenExpiresAt)} (${formatRelative(i.tokenExpiresAt, now)})` : 'no fixed expiry'}</dd>
            <dt>Data access expires</dt><dd>${i.dataAccessExpiresAt ? `${formatDateTime(i.dataAccessExpiresAt)} (${formatRelative(i.dataAccessExpiresAt, now)})` : '—'}</dd>
            <dt>Authorized by</dt><dd>${i.authorizedBy
              ? html`${i.authorizedBy.name} <span class="muted">(${providerName(i.authorizedBy.provider)} user <span class="mono">${i.authorizedBy.externalUserId}</span>)</span> · <a href=${theirIntegrationsHash(i.authorizedBy.id)}>their integrations</a> · <a href=${routeHash('blast-radius', { identity: i.authorizedBy.id })}>blast radius</a>`
              : 'unknown'}</dd>
            <dt>Last checked</dt><dd>${i.lastCheckedAt ? `${formatDateTime(i.lastCheckedAt)} (${formatRelative(i.lastCheckedAt, now)})` : 'not yet'}</dd>
            <dt>Next check</dt><dd>${i.nextCheckAt ? formatDateTime(i.nextCheckAt) : 'not scheduled'}</dd>
            <dt>Connected</dt><dd>${formatDateTime(i.createdAt)}</dd>
            <dt>Untracked in total</dt><dd>${formatDuration(i.untrackedSeconds)} in ${i.untrackedWindows.length} window${i.untrackedWindows.length === 1 ? '' : 's'}</dd>
          </dl>
        </section>
      </div>

      <section>
        <h2>Untracked windows</h2>
        <p class="muted">Each bar is a stretch of time when no ad data was collected; an open one runs to now. Dots below are events (red: broke, green: fixed).</p>
        <window-timeline .windows=${i.untrackedWindows} .events=${i.events} from=${this.axisStart(i, now)}></window-timeline>
        ${this.renderWindowTable(i, now)}
      </section>

      <section>
        <h2 id="timeline-heading">Timeline</h2>
        ${this.renderTimeline(i)}
      </section>
      ${this.renderDialog(i)}
    `;
  }

  private renderTimeline(i: IntegrationDetail) {
    const entries: TimelineEntry[] = [
      ...i.events.map((event) => ({ at: event.at, event })),
      ...i.notifications.map((notification) => ({ at: notification.createdAt, notification })),
    ].sort((a, b) => b.at.localeCompare(a.at));
    return html`
      ${entries.length === 0
        ? html`<p class="muted">No events recorded yet.</p>`
        : html`<ol class="timeline" aria-labelledby="timeline-heading">
            ${entries.map((entry) => ('event' in entry ? this.renderEvent(entry.event) : this.renderNotification(entry.notification)))}
          </ol>`}
    `;
  }

  private renderEvent(e: IntegrationEvent) {
    return html`<li class=${e.status === 'REVOKED' || e.status === 'EXPIRED' ? 'bad' : e.status === 'HEALTHY' ? 'good' : ''} data-event-type=${e.type}>
      <div class="when">${formatDateTime(e.at)}</div>
      <div><strong>${eventTypeLabel(e.type)}</strong> → ${STATUS_LABELS[e.status]}${e.cause ? ` · ${CAUSE_LABELS[e.cause]}` : ''}</div>
      <div class="muted">by ${actorLabel(e.actor)}</div>
    </li>`;
  }

  private renderNotification(n: Notification) {
    const outcome =
      n.status === 'delivered'
        ? `delivered${n.lastStatusCode ? ` (HTTP ${n.lastStatusCode})` : ''}`
        : n.status === 'failed'
          ? `failed after ${n.attempts} attempt${n.attempts === 1 ? '' : 's'}${n.lastError ? `: ${n.lastError}` : n.lastStatusCode ? ` (HTTP ${n.lastStatusCode})` : ''}`
          : `waiting to be delivered (${n.attempts} attempt${n.attempts === 1 ? '' : 's'} so far)`;
    return html`<li class=${n.status === 'failed' ? 'bad' : ''} data-event-type="notification">
      <div class="when">${formatDateTime(n.createdAt)}</div>
      <div><strong>Notification sent</strong> to the customer's webhook <span class="mono">${n.endpointUrl}</span></div>
      <div class="muted">${outcome}</div>
    </li>`;
  }

  private renderCause(i: IntegrationDetail) {
    const cause = i.cause!;
    return html`<section class="card cause ${cause.securityRelated ? 'security' : ''}" aria-labelledby="cause-title">
      <h2 id="cause-title">${cause.title}</h2>
      <p>${cause.explanation}</p>
      <h3>What to do</h3>
      <p>${cause.action}</p>
      <h3>How to keep it from happening again</h3>
      <p>${cause.prevention}</p>
      ${cause.securityRelated ? html`<p><strong>Security-related:</strong> someone else may have got at this account. Ask the customer to check their account's recent logins before reconnecting.</p>` : nothing}
    </section>`;
  }

  private renderHealthyNote(i: IntegrationDetail) {
    const text: Record<string, string> = {
      HEALTHY: 'The token works and data is being tracked. Nothing to do.',
      EXPIRING_SOON: 'The token still works but ends soon. Send the customer a reauthorization link before it expires to avoid a gap.',
      UNREACHABLE: 'The provider did not answer the last checks. This is usually a provider outage and fixes itself; recheck later.',
      DISCONNECTED: 'The customer (or support) disconnected this integration. It is no longer checked.',
    };
    return html`<p class="notice">${text[i.status] ?? ''}</p>`;
  }

  private renderActions(i: IntegrationDetail) {
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading" class="visually-hidden">Actions</h2>
      <div class="actions">
        <button type="button" @click=${() => this.recheck(i)} ?disabled=${this.busy !== '' || i.status === 'DISCONNECTED'}>${this.busy === 'recheck' ? 'Rechecking…' : 'Recheck now'}</button>
        <button type="button" class="secondary" @click=${() => this.startReauthorization(i)} ?disabled=${this.busy !== ''}>${this.busy === 'reauth' ? 'Creating link…' : 'Copy reauthorization link'}</button>
        <button type="button" class="danger" @click=${() => this.dialog.showModal()} ?disabled=${this.busy !== '' || i.status === 'DISCONNECTED'}>Disconnect…</button>
      </div>
      <div aria-live="polite" data-outcome>
        ${this.outcome?.kind === 'ok' ? html`<p class="ok">${this.outcome.text}</p>` : nothing}
        ${this.outcome?.kind === 'error' ? html`<div class="error" role="alert"><p><strong>${this.outcome.text}</strong></p>${this.outcome.advice ? html`<p>${this.outcome.advice}</p>` : nothing}</div>` : nothing}
      </div>
      ${this.reauthLink
        ? html`<div class="notice">
            <label for="reauth-link">Reauthorization link for the customer</label>
            <div class="link-box">
              <input id="reauth-link" readonly .value=${this.reauthLink.url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
              <button type="button" class="secondary" @click=${this.copyLink}>${this.copied ? 'Copied' : 'Copy'}</button>
            </div>
            <p class="muted">Send it to the person who manages this ad account. It works once and expires ${formatRelative(this.reauthLink.expiresAt)} (${formatDateTime(this.reauthLink.expiresAt)}). Creating it was recorded in the audit log.</p>
          </div>`
        : nothing}
    </section>`;
  }

  private renderWindowTable(i: IntegrationDetail, now: Date) {
    if (i.untrackedWindows.length === 0) return html`<p class="ok">Never untracked.</p>`;
    return html`<table>
      <caption class="visually-hidden">Untracked windows, newest first</caption>
      <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col" class="num">Duration</th><th scope="col">Cause</th></tr></thead>
      <tbody>${[...i.untrackedWindows].reverse().map((w) => html`<tr data-window-open=${w.endedAt ? 'false' : 'true'}>
        <td>${formatDateTime(w.startedAt)}</td>
        <td>${w.endedAt ? formatDateTime(w.endedAt) : html`<strong>still open</strong>`}</td>
        <td class="num">${formatDuration(w.endedAt ? w.seconds : secondsBetween(w.startedAt, null, now))}</td>
        <td>${w.cause ? CAUSE_LABELS[w.cause] : '—'}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderDialog(i: IntegrationDetail) {
    return html`<dialog aria-labelledby="disconnect-title" aria-describedby="disconnect-text" @close=${this.onDialogClose}>
      <h2 id="disconnect-title">Disconnect ${i.name}?</h2>
      <p id="disconnect-text">Relink stops checking this ad account and revokes its token at ${providerName(i.provider)} if nothing else uses it.
        ${i.tenant?.name ?? 'The tenant'} stops getting data from it until someone connects it again. This is recorded in the audit log.</p>
      <form method="dialog" class="dialog-actions">
        <button value="cancel" class="secondary" autofocus>Keep it connected</button>
        <button value="confirm" class="danger">Disconnect</button>
      </form>
    </dialog>`;
  }

  private axisStart(i: IntegrationDetail, now: Date): string {
    const starts = [new Date(i.createdAt).getTime(), ...i.untrackedWindows.map((w) => new Date(w.startedAt).getTime())];
    return new Date(Math.min(now.getTime() - 30 * DAY, ...starts)).toISOString();
  }

  private onDialogClose(): void {
    if (this.dialog.returnValue === 'confirm' && this.data?.integration) void this.disconnect(this.data.integration);
  }

  private async recheck(i: IntegrationDetail): Promise<void> {
    await this.act('recheck', async () => {
      const before = i.status;
      const { recheckIntegration } = await this.client.request(RECHECK, { id: i.id });
      await this.refresh();
      const after = recheckIntegration.status;
      return before === after
        ? `Rechecked with ${providerName(i.provider)} just now: still ${STATUS_LABELS[after]}.`
        : `Rechecked with ${providerName(i.provider)} just now: ${STATUS_LABELS[before]} → ${STATUS_LABELS[after]}.`;
    });
  }

  private async startReauthorization(i: IntegrationDetail): Promise<void> {
    await this.act('reauth', async () => {
      const { startReauthorization } = await this.client.request(START_REAUTHORIZATION, { id: i.id });
      this.reauthLink = startReauthorization;
      const copied = await this.writeClipboard(startReauthorization.url);
      return copied ? 'Reauthorization link created and copied. Paste it into your reply to the customer.' : 'Reauthorization link created: copy it from the box below.';
    });
  }

  private async disconnect(i: IntegrationDetail): Promise<void> {
    await this.act('disconnect', async () => {
      await this.client.request(DISCONNECT, { id: i.id });
      this.reauthLink = null;
      await this.refresh();
      return `${i.name} is disconnected.`;
    });
  }

  private async act(kind: 'recheck' | 'reauth' | 'disconnect', run: () => Promise<string>): Promise<void> {
    this.busy = kind;
    this.outcome = null;
    this.copied = false;
    try {
      this.outcome = { kind: 'ok', text: await run() };
    } catch (error) {
      const apiError = ApiError.from(error);
      this.outcome = { kind: 'error', text: apiError.message, advice: apiError.advice };
    } finally {
      this.busy = '';
    }
  }

  private async copyLink(): Promise<void> {
    if (!this.reauthLink) return;
    this.copied = await this.writeClipboard(this.reauthLink.url);
    if (!this.copied) this.renderRoot.querySelector<HTMLInputElement>('#reauth-link')?.select();
  }

  private async writeClipboard(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}
