import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Announcements } from './announcements.js';
import { apiEndpoint, type ApiEndpoint } from './api-endpoint.js';
import { buildBanners, type Banner, type CheckingBanner, type ExpiringBanner, type ReauthBanner } from './banner-model.js';
import { catalogueFor, formatDuration, type Catalogue } from './catalogue.js';
import { Dismissals } from './dismissals.js';
import { relinkEvent, type RelinkRefreshedDetail } from './events.js';
import { icon } from './icons.js';
import { isNoteworthy, parseIntegration, type Provider, type WidgetIntegration } from './integration.js';
import { LiveUpdates } from './live-updates.js';
import { readOAuthComplete } from './oauth-message.js';
import { PendingRedirects } from './pending-redirect.js';
import { fetchWatchedIntegrations, startReauthorization } from './relink-api.js';
import { relinkBannerStyles } from './relink-banner.styles.js';
import { RelinkError, toRelinkError } from './relink-error.js';

/** How long the "Reconnected" state stays before the banner disappears. */
export const SUCCESS_VISIBLE_MS = 4000;
const TICK_MS = 60_000;
const POPUP_FEATURES = 'popup,width=600,height=720';

/** A refresh in progress for one banner. */
interface Refresh {
  integrationIds: string[];
  popup: Window | null;
  phase: 'waiting' | 'redirecting';
}

/** A banner that just turned healthy, shown briefly. */
interface Success {
  key: string;
  provider: Provider;
  names: string[];
  until: number;
}

type Via = RelinkRefreshedDetail['via'];

/**
 * An honest banner for each ad integration that needs the user: why it broke (the cause from the
 * API), how long data has gone untracked, what to do, and a one-click "Refresh token". Renders
 * nothing while everything is healthy. Reads `integrations` over GraphQL, then follows
 * `integrationStatusChanged` over graphql-ws (polling every `poll-seconds` when WebSockets are
 * blocked).
 *
 * @fires relink-refresh-start - `{ integrationIds, provider, mode: 'popup' | 'redirect' }` the user started a refresh.
 * @fires relink-refreshed - `{ integrationIds, via: 'popup' | 'redirect' | 'elsewhere' }` these integrations track again.
 * @fires relink-dismiss - `{ integrationIds, until }` the user hid a banner for the session (at most `dismiss-hours`).
 * @fires relink-error - `{ code, message, integrationIds? }`; `SESSION_EXPIRED` → set a fresh `session-token`.
 *
 * @csspart stack - the column of banners.
 * @csspart banner - every banner; also `banner-reauth`, `banner-expiring`, `banner-checking`, `banner-success`.
 * @csspart icon - the banner's icon.
 * @csspart content - the text column.
 * @csspart eyebrow - provider and ad account(s).
 * @csspart title - the cause's title.
 * @csspart body - the cause's explanation.
 * @csspart accounts - the list of ad accounts in a grouped banner.
 * @csspart action - what to do.
 * @csspart untracked - "Not tracking since 2 h 14 min".
 * @csspart error - a refresh that did not work.
 * @csspart actions - the buttons.
 * @csspart button - the "Refresh token" button.
 * @csspart dismiss - the dismiss button.
 *
 * @cssproperty --relink-font-family - Font (default: inherited).
 * @cssproperty --relink-font-size - Base font size (default 0.875rem).
 * @cssproperty --relink-line-height - Line height (default 1.45).
 * @cssproperty --relink-gap - Space between banners.
 * @cssproperty --relink-padding - Banner padding.
 * @cssproperty --relink-radius - Banner corner radius.
 * @cssproperty --relink-bg - Banner background.
 * @cssproperty --relink-fg - Text colour.
 * @cssproperty --relink-muted-fg - Secondary text colour.
 * @cssproperty --relink-border - Banner border colour.
 * @cssproperty --relink-shadow - Banner shadow.
 * @cssproperty --relink-danger - Stripe and icon of reauthorization banners.
 * @cssproperty --relink-warning - Stripe and icon of expiring-soon notices.
 * @cssproperty --relink-info - Stripe and icon of "checking" notices.
 * @cssproperty --relink-success - Stripe and icon of the reconnected state.
 * @cssproperty --relink-button-bg - Refresh button background.
 * @cssproperty --relink-button-fg - Refresh button text.
 * @cssproperty --relink-button-hover-bg - Refresh button background on hover.
 * @cssproperty --relink-button-radius - Button corner radius.
 * @cssproperty --relink-focus-ring - Focus outline colour.
 * @cssproperty --relink-badge-bg - "Security" badge background.
 * @cssproperty --relink-badge-fg - "Security" badge text.
 */
export class RelinkBanner extends LitElement {
  static override styles = relinkBannerStyles;

  /** Base URL of the Relink API (e.g. `https://relink.example.com`); GraphQL is at `${api}/graphql`. */
  @property() api = '';

  /** Widget session token from `createWidgetSession`, sent as `Authorization: Bearer …`. Set a new one to recover from `SESSION_EXPIRED`. */
  @property({ attribute: 'session-token' }) sessionToken = '';

  /** `full` shows the cause's explanation and what to do; `compact` one line per banner. */
  @property({ reflect: true }) layout: 'full' | 'compact' = 'full';

  /** Longest a dismissed, still unresolved banner stays hidden, in hours; `0` disables dismissing. */
  @property({ attribute: 'dismiss-hours', type: Number }) dismissHours = 4;

  /** Seconds between refetches while live updates (WebSockets) are unavailable. */
  @property({ attribute: 'poll-seconds', type: Number }) pollSeconds = 30;

  @state() private integrations = new Map<string, WidgetIntegration>();
  @state() private successes: Success[] = [];
  @state() private refreshes = new Map<string, Refresh>();
  @state() private problems = new Map<string, string>();
  @state() private politeMessage = '';
  @state() private now = Date.now();

  private endpoint: ApiEndpoint | null = null;
  private live: LiveUpdates | null = null;
  private dismissals: Dismissals | null = null;
  private announcements: Announcements | null = null;
  private pendingRedirects: PendingRedirects | null = null;
  private redirectChecked = false;
  private generation = 0;
  private fetchSeq = 0;
  private lastErrorCode: string | null = null;
  private readonly liveTouched = new Map<string, number>();
  private readonly requestedVia = new Map<string, Via>();
  private readonly domIds = new Map<string, string>();
  private tickTimer: ReturnType<typeof setInterval> | null = null;
  private popupTimer: ReturnType<typeof setInterval> | null = null;
  private langObserver: MutationObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    this.tickTimer = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
    this.langObserver = new MutationObserver(() => this.requestUpdate());
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    if (this.hasUpdated) this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
    if (this.tickTimer !== null) clearInterval(this.tickTimer);
    if (this.popupTimer !== null) clearInterval(this.popupTimer);
    this.tickTimer = this.popupTimer = null;
    this.langObserver?.disconnect();
    this.langObserver = null;
    this.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('sessionToken') || changed.has('pollSeconds')) this.connect();
  }

  /** Fetches the integrations again now (the widget also does this by itself after reconnects). */
  async refetch(): Promise<void> {
    await this.load();
  }

  // ---- data ---------------------------------------------------------------------------------

  private connect(): void {
    this.disconnect();
    if (!this.isConnected) return;
    let endpoint: ApiEndpoint;
    try {
      endpoint = apiEndpoint(this.api, this.sessionToken, document.baseURI);
    } catch (error) {
      this.report(toRelinkError(error));
      return;
    }
    if (this.endpoint?.origin !== endpoint.origin) {
      this.integrations = new Map();
      this.dismissals = new Dismissals(endpoint.origin);
      this.announcements = new Announcements(endpoint.origin);
      this.pendingRedirects = new PendingRedirects(endpoint.origin);
      this.redirectChecked = false;
    }
    this.endpoint = endpoint;
    this.lastErrorCode = null;
    const generation = this.generation;
    void this.load().then((result) => {
      if (generation !== this.generation || result === 'refused') return;
      this.live = new LiveUpdates({
        endpoint,
        pollIntervalMs: Math.max(1, this.pollSeconds || 30) * 1000,
        onIntegration: (value) => this.applyLive(value),
        onResync: () => void this.load(),
        onRefused: (error) => this.liveRefused(error),
      });
      this.live.start();
    });
  }

  private disconnect(): void {
    this.generation += 1;
    this.live?.stop();
    this.live = null;
  }

  private async load(): Promise<'ok' | 'failed' | 'refused'> {
    const endpoint = this.endpoint;
    if (!endpoint) return 'failed';
    const generation = this.generation;
    const seq = ++this.fetchSeq;
    const startedAt = performance.now();
    try {
      const list = await fetchWatchedIntegrations(endpoint);
      if (generation !== this.generation || seq !== this.fetchSeq) return 'ok';
      this.lastErrorCode = null;
      this.applySnapshot(list, startedAt);
      return 'ok';
    } catch (caught) {
      if (generation !== this.generation) return 'failed';
      const error = toRelinkError(caught);
      this.report(error);
      if (error.code === 'SESSION_EXPIRED' || error.code === 'FORBIDDEN') {
        this.disconnect();
        return 'refused';
      }
      return 'failed';
    }
  }

  /** The subscription was refused: ask over HTTP for the precise reason, keep polling if HTTP works. */
  private liveRefused(error: RelinkError): void {
    const generation = this.generation;
    void this.load().then((result) => {
      if (result !== 'ok' || generation !== this.generation) return;
      this.report(error);
      const endpoint = this.endpoint;
      if (!endpoint) return;
      const timer = setInterval(() => {
        if (generation !== this.generation) clearInterval(timer);
        else void this.load();
      }, Math.max(1, this.pollSeconds || 30) * 1000);
    });
  }

  private applySnapshot(list: WidgetIntegration[], startedAt: number): void {
    const next = new Map<string, WidgetIntegration>();
    for (const integration of list) if (isNoteworthy(integration)) next.set(integration.id, integration);
    for (const [id, touchedAt] of this.liveTouched) {
      if (touchedAt <= startedAt) {
        this.liveTouched.delete(id);
        continue;
      }
      const current = this.integrations.get(id); // a live event newer than this snapshot wins
      if (current) next.set(id, current);
      else next.delete(id);
    }
    this.replace(next);
    if (!this.redirectChecked) {
      this.redirectChecked = true;
      this.confirmRedirect();
    }
  }

  private applyLive(value: unknown): void {
    let integration: WidgetIntegration;
    try {
      integration = parseIntegration(value, 'integrationStatusChanged');
    } catch (error) {
      this.report(toRelinkError(error));
      return;
    }
    this.liveTouched.set(integration.id, performance.now());
    const next = new Map(this.integrations);
    if (isNoteworthy(integration)) next.set(integration.id, integration);
    else next.delete(integration.id);
    this.replace(next);
  }

  private replace(next: Map<string, WidgetIntegration>): void {
    const resolved = [...this.integrations.values()].filter((before) => before.needsReauthorization && !next.get(before.id)?.needsReauthorization);
    this.integrations = next;
    if (resolved.length > 0) this.celebrate(resolved);
  }

  /** Integrations that needed reauthorization and no longer do: short success state, then gone. */
  private celebrate(resolved: WidgetIntegration[]): void {
    const now = Date.now();
    const ids = new Set(resolved.map((integration) => integration.id));
    const successes = buildBanners(resolved).map((banner) => ({
      key: `success:${banner.key}:${now}`,
      provider: banner.provider,
      names: banner.integrations.map((integration) => integration.name),
      until: now + SUCCESS_VISIBLE_MS,
    }));
    this.showSuccesses(successes);

    const refreshes = new Map(this.refreshes);
    const problems = new Map(this.problems);
    for (const [key, refresh] of refreshes) {
      if (refresh.integrationIds.every((id) => ids.has(id) || !this.integrations.get(id)?.needsReauthorization)) {
        refreshes.delete(key);
        problems.delete(key);
      }
    }
    this.refreshes = refreshes;
    this.problems = problems;

    const byVia = new Map<Via, string[]>();
    for (const id of ids) {
      const via = this.requestedVia.get(id) ?? 'elsewhere';
      this.requestedVia.delete(id);
      byVia.set(via, [...(byVia.get(via) ?? []), id]);
    }
    for (const [via, integrationIds] of byVia) this.dispatchEvent(relinkEvent('relink-refreshed', { integrationIds, via }));
  }

  private showSuccesses(successes: Success[]): void {
    if (successes.length === 0) return;
    const catalogue = catalogueFor(this.resolvedLang());
    this.successes = [...this.successes, ...successes];
    this.politeMessage = successes
      .map((success) => `${catalogue.successTitle}: ${catalogue.provider[success.provider]} · ${success.names.join(', ')}. ${catalogue.successBody}`)
      .join(' ');
    setTimeout(() => {
      const now = Date.now();
      this.successes = this.successes.filter((success) => success.until > now);
      if (this.successes.length === 0) this.politeMessage = '';
    }, SUCCESS_VISIBLE_MS + 50);
  }

  /** After a full-page redirect for consent, confirm (or not) that it worked. */
  private confirmRedirect(): void {
    const pending = this.pendingRedirects?.take(Date.now());
    if (!pending) return;
    const stillBroken = pending.integrationIds.filter((id) => this.integrations.get(id)?.needsReauthorization);
    const fixedIndexes = pending.integrationIds.map((id, index) => (stillBroken.includes(id) ? -1 : index)).filter((index) => index >= 0);
    if (fixedIndexes.length > 0) {
      const now = Date.now();
      this.showSuccesses([
        {
          key: `success:redirect:${now}`,
          provider: pending.provider,
          names: fixedIndexes.map((index) => pending.names[index] ?? ''),
          until: now + SUCCESS_VISIBLE_MS,
        },
      ]);
      const integrationIds = fixedIndexes.map((index) => pending.integrationIds[index] ?? '');
      this.dispatchEvent(relinkEvent('relink-refreshed', { integrationIds, via: 'redirect' }));
    }
    if (stillBroken.length > 0) this.markStillBroken(stillBroken);
  }

  private markStillBroken(integrationIds: string[]): void {
    const catalogue = catalogueFor(this.resolvedLang());
    const problems = new Map(this.problems);
    for (const banner of buildBanners(this.integrations.values())) {
      if (banner.kind === 'checking' || !banner.integrations.some((integration) => integrationIds.includes(integration.id))) continue;
      problems.set(banner.key, catalogue.stillDisconnected(banner.identity?.name ?? null));
    }
    this.problems = problems;
  }

  private report(error: RelinkError, integrationIds?: string[]): void {
    const repeated = error.code === this.lastErrorCode && (error.code === 'NETWORK' || error.code === 'SERVER');
    this.lastErrorCode = error.code;
    if (repeated) return;
    const detail = integrationIds ? { code: error.code, message: error.message, integrationIds } : { code: error.code, message: error.message };
    this.dispatchEvent(relinkEvent('relink-error', detail));
  }

  // ---- refresh (consent) --------------------------------------------------------------------

  private refresh(banner: ReauthBanner | ExpiringBanner): void {
    const existing = this.refreshes.get(banner.key);
    if (existing?.popup && !existing.popup.closed) {
      existing.popup.focus();
      return;
    }
    if (existing?.phase === 'redirecting') return;
    const endpoint = this.endpoint;
    const first = banner.integrations[0];
    if (!endpoint || !first) return;

    // Open the popup now, inside the click, so the browser does not block it; navigate it later.
    let popup: Window | null = null;
    try {
      popup = window.open('', 'relink-reauthorize', POPUP_FEATURES);
    } catch {
      popup = null;
    }
    const mode = popup ? 'popup' : 'redirect';
    const catalogue = catalogueFor(this.resolvedLang());
    if (popup) this.showWaiting(popup, catalogue);

    const integrationIds = banner.integrations.map((integration) => integration.id);
    for (const id of integrationIds) this.requestedVia.set(id, mode);
    const problems = new Map(this.problems);
    problems.delete(banner.key);
    this.problems = problems;
    this.refreshes = new Map(this.refreshes).set(banner.key, { integrationIds, popup, phase: popup ? 'waiting' : 'redirecting' });
    this.dispatchEvent(relinkEvent('relink-refresh-start', { integrationIds, provider: banner.provider, mode }));
    void this.beginConsent(banner, endpoint, first.id, popup);
  }

  private async beginConsent(banner: ReauthBanner | ExpiringBanner, endpoint: ApiEndpoint, integrationId: string, popup: Window | null): Promise<void> {
    const integrationIds = banner.integrations.map((integration) => integration.id);
    try {
      const start = await startReauthorization(endpoint, integrationId, popup ? null : window.location.href);
      if (popup) {
        if (popup.closed) {
          this.endRefresh(banner.key);
          return;
        }
        popup.location.href = start.url;
        this.watchPopups();
      } else {
        this.pendingRedirects?.save({
          integrationIds,
          names: banner.integrations.map((integration) => integration.name),
          provider: banner.provider,
          at: Date.now(),
        });
        window.location.assign(start.url);
      }
    } catch (caught) {
      popup?.close();
      const error = toRelinkError(caught);
      this.endRefresh(banner.key);
      for (const id of integrationIds) this.requestedVia.delete(id);
      this.problems = new Map(this.problems).set(banner.key, catalogueFor(this.resolvedLang()).startFailed(error.message));
      this.report(error, integrationIds);
    }
  }

  private showWaiting(popup: Window, catalogue: Catalogue): void {
    try {
      popup.document.title = catalogue.refreshRedirecting;
      popup.document.body.textContent = catalogue.refreshRedirecting;
    } catch {
      // a reused popup may already show another origin
    }
  }

  private endRefresh(key: string): void {
    if (!this.refreshes.has(key)) return;
    const refreshes = new Map(this.refreshes);
    refreshes.delete(key);
    this.refreshes = refreshes;
  }

  /** A popup closed without a message (cancelled, or the opener link was cut): re-enable and recheck. */
  private watchPopups(): void {
    if (this.popupTimer !== null) return;
    this.popupTimer = setInterval(() => {
      const closed = [...this.refreshes].filter(([, refresh]) => refresh.popup?.closed);
      if (closed.length > 0) {
        for (const [key] of closed) this.endRefresh(key);
        void this.load();
      }
      if (![...this.refreshes.values()].some((refresh) => refresh.popup && !refresh.popup.closed)) {
        if (this.popupTimer !== null) clearInterval(this.popupTimer);
        this.popupTimer = null;
      }
    }, 1000);
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const message = readOAuthComplete(event, endpoint.origin);
    if (!message) return;
    const reported = message.integrationIds;
    const finished = [...this.refreshes].filter(([, refresh]) => !reported || refresh.integrationIds.some((id) => reported.includes(id)));
    for (const [key] of finished) this.endRefresh(key);
    if (message.ok) {
      void this.load().then(() => {
        const stillBroken = finished.flatMap(([, refresh]) => refresh.integrationIds).filter((id) => this.integrations.get(id)?.needsReauthorization);
        if (stillBroken.length > 0) this.markStillBroken(stillBroken);
      });
      return;
    }
    const catalogue = catalogueFor(this.resolvedLang());
    const problems = new Map(this.problems);
    const reason = message.error ?? 'cancelled';
    for (const [key, refresh] of finished) {
      problems.set(key, catalogue.popupFailed(reason));
      for (const id of refresh.integrationIds) this.requestedVia.delete(id);
    }
    this.problems = problems;
    const integrationIds = reported ?? finished.flatMap(([, refresh]) => refresh.integrationIds);
    this.report(new RelinkError('REAUTHORIZATION_FAILED', `Reauthorization did not complete: ${reason}.`), integrationIds);
  };

  private dismiss(banner: Banner): void {
    if (!this.dismissals || this.dismissHours <= 0) return;
    const until = this.dismissals.dismiss(banner.fingerprint, Date.now(), this.dismissHours);
    this.dispatchEvent(
      relinkEvent('relink-dismiss', {
        integrationIds: banner.integrations.map((integration) => integration.id),
        until: new Date(until).toISOString(),
      }),
    );
    this.now = Date.now();
    this.requestUpdate();
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** The `lang` of the element or its nearest ancestor (across shadow roots); English by default. */
  private resolvedLang(): string {
    if (this.hasAttribute('lang')) return this.getAttribute('lang') ?? 'en';
    let node: Node | null = this.parentNode;
    while (node) {
      if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? 'en';
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return 'en';
  }

  private domId(key: string): string {
    let id = this.domIds.get(key);
    if (!id) {
      id = `relink-banner-${this.domIds.size + 1}`;
      this.domIds.set(key, id);
    }
    return id;
  }

  override render(): TemplateResult {
    const lang = this.resolvedLang();
    const catalogue = catalogueFor(lang);
    const now = this.now;
    const banners = buildBanners(this.integrations.values()).filter(
      (banner) => !this.dismissals?.isDismissed(banner.fingerprint, now, this.dismissHours),
    );
    const visible = banners.length > 0 || this.successes.length > 0;
    return html`${visible
        ? html`<div class="stack" part="stack">
            ${repeat(
              banners,
              (banner) => banner.key,
              (banner) => this.renderBanner(banner, catalogue, lang),
            )}
            ${repeat(
              this.successes,
              (success) => success.key,
              (success) => this.renderSuccess(success, catalogue),
            )}
          </div>`
        : nothing}
      <div class="visually-hidden" role="status">${this.politeMessage}</div>`;
  }

  private renderBanner(banner: Banner, catalogue: Catalogue, lang: string): TemplateResult {
    switch (banner.kind) {
      case 'reauth':
        return this.renderReauth(banner, catalogue, lang);
      case 'expiring':
        return this.renderExpiring(banner, catalogue, lang);
      case 'checking':
        return this.renderChecking(banner, catalogue);
      default:
        return unreachable(banner);
    }
  }

  private eyebrow(banner: Banner, catalogue: Catalogue): string {
    const provider = catalogue.provider[banner.provider];
    const first = banner.integrations[0];
    if (banner.integrations.length === 1 && first) return `${provider} · ${first.name}`;
    const identity = banner.kind === 'checking' ? null : banner.identity;
    const parts = [provider, catalogue.adAccounts(banner.integrations.length)];
    if (identity) parts.push(catalogue.authorizedBy(identity.name));
    return parts.join(' · ');
  }

  private accounts(banner: Banner): TemplateResult | typeof nothing {
    if (banner.integrations.length < 2) return nothing;
    return html`<ul class="accounts" part="accounts">
      ${banner.integrations.map((integration) => html`<li>${integration.name}</li>`)}
    </ul>`;
  }

  private actions(banner: Banner, catalogue: Catalogue, withRefresh: boolean): TemplateResult {
    const refresh = this.refreshes.get(banner.key);
    const subject = this.eyebrow(banner, catalogue);
    const label = refresh ? (refresh.phase === 'waiting' ? catalogue.refreshWaiting : catalogue.refreshRedirecting) : catalogue.refresh;
    return html`<div class="actions" part="actions">
      ${withRefresh && banner.kind !== 'checking'
        ? html`<button
            class="button"
            part="button"
            type="button"
            aria-busy=${refresh ? 'true' : 'false'}
            aria-describedby=${this.domId(banner.key)}
            @click=${() => this.refresh(banner)}
          >
            ${label}
          </button>`
        : nothing}
      ${this.dismissHours > 0
        ? html`<button class="dismiss" part="dismiss" type="button" aria-label=${catalogue.dismissLabel(subject)} title=${catalogue.dismiss} @click=${() => this.dismiss(banner)}>
            ${icon('close', 'dismiss-icon')}
          </button>`
        : nothing}
    </div>`;
  }

  private problem(key: string): TemplateResult | typeof nothing {
    const problem = this.problems.get(key);
    return problem ? html`<p class="error" part="error" role="alert">${problem}</p>` : nothing;
  }

  private renderReauth(banner: ReauthBanner, catalogue: Catalogue, lang: string): TemplateResult {
    const providerName = catalogue.provider[banner.provider];
    const titleId = this.domId(banner.key);
    const announce = this.announcements?.shouldAnnounce(banner.fingerprint) ?? true;
    const count = banner.integrations.length;
    const since = banner.untrackedSince;
    const duration = since ? formatDuration(catalogue, this.now - Date.parse(since)) : null;
    return html`<div
      class="banner"
      part="banner banner-reauth"
      data-kind="reauth"
      data-key=${banner.key}
      data-tone="danger"
      role=${announce ? 'alert' : 'group'}
      aria-labelledby=${titleId}
    >
      ${icon('alert')}
      <div class="content" part="content">
        <p class="eyebrow" part="eyebrow">${this.eyebrow(banner, catalogue)}</p>
        <p class="title" part="title" id=${titleId}>
          ${banner.cause?.title ?? catalogue.reconnectTitle}${banner.cause?.securityRelated
            ? html`<span class="badge" part="badge">${catalogue.securityBadge}</span>`
            : nothing}
        </p>
        <p class="body" part="body">${banner.cause?.explanation ?? catalogue.reconnectExplanation(providerName)}</p>
        ${this.accounts(banner)}
        <p class="action" part="action">
          ${banner.cause?.action ?? catalogue.reconnectAction}${count > 1 ? ` ${catalogue.oneConsentFixesAll(banner.identity?.name ?? null, count)}` : ''}
        </p>
        ${since
          ? html`<p class="meta" part="untracked" aria-live="off">
              <time datetime=${since} title=${formatDateTime(lang, since)}>${duration ? catalogue.notTrackingSince(duration) : catalogue.notTrackingJustNow}</time>
            </p>`
          : nothing}
        ${this.problem(banner.key)}
      </div>
      ${this.actions(banner, catalogue, true)}
    </div>`;
  }

  private renderExpiring(banner: ExpiringBanner, catalogue: Catalogue, lang: string): TemplateResult {
    const titleId = this.domId(banner.key);
    return html`<div
      class="banner"
      part="banner banner-expiring"
      data-kind="expiring"
      data-key=${banner.key}
      data-tone="warning"
      role="status"
      aria-labelledby=${titleId}
    >
      ${icon('clock')}
      <div class="content" part="content">
        <p class="eyebrow" part="eyebrow">${this.eyebrow(banner, catalogue)}</p>
        <p class="title" part="title" id=${titleId}>${catalogue.expiringTitle}</p>
        ${banner.expiresAt
          ? html`<p class="body" part="body"><time datetime=${banner.expiresAt}>${catalogue.expiresOn(formatDate(lang, banner.expiresAt))}</time></p>`
          : nothing}
        ${this.accounts(banner)}
        <p class="action" part="action">${catalogue.expiringAction}</p>
        ${this.problem(banner.key)}
      </div>
      ${this.actions(banner, catalogue, true)}
    </div>`;
  }

  private renderChecking(banner: CheckingBanner, catalogue: Catalogue): TemplateResult {
    const titleId = this.domId(banner.key);
    return html`<div
      class="banner"
      part="banner banner-checking"
      data-kind="checking"
      data-key=${banner.key}
      data-tone="info"
      role="status"
      aria-labelledby=${titleId}
    >
      ${icon('info')}
      <div class="content" part="content">
        <p class="eyebrow" part="eyebrow">${this.eyebrow(banner, catalogue)}</p>
        <p class="title" part="title" id=${titleId}>${catalogue.checkingTitle(catalogue.provider[banner.provider])}</p>
        <p class="body" part="body">${catalogue.checkingBody}</p>
        ${this.accounts(banner)}
      </div>
      ${this.actions(banner, catalogue, false)}
    </div>`;
  }

  private renderSuccess(success: Success, catalogue: Catalogue): TemplateResult {
    return html`<div class="banner" part="banner banner-success" data-kind="success" data-tone="success">
      ${icon('check')}
      <div class="content" part="content">
        <p class="eyebrow" part="eyebrow">${catalogue.provider[success.provider]} · ${success.names.join(', ')}</p>
        <p class="title" part="title">${catalogue.successTitle}</p>
        <p class="body" part="body">${catalogue.successBody}</p>
      </div>
    </div>`;
  }
}

function unreachable(value: never): never {
  throw new Error(`Unhandled banner ${JSON.stringify(value)}`);
}

function formatDate(lang: string, iso: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
  } catch {
    return new Date(iso).toDateString();
  }
}

function formatDateTime(lang: string, iso: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch {
    return new Date(iso).toString();
  }
}
