import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Announcements } from './announcements.js';
import { apiEndpoint, type ApiEndpoint } from './api-endpoint.js';
import { buildBanners, type Banner, type ExpiringBanner, type ReauthBanner } from './banner-model.js';
import { catalogueFor, formatDuration, type Catalogue } from './catalogue.js';
import { Dismissals } from './dismissals.js';
import { relinkEvent, type RelinkEventMap, type RelinkRefreshedDetail } from './events.js';
import { icon, type IconName } from './icons.js';
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

  #endpoint: ApiEndpoint | null = null;
  #live: LiveUpdates | null = null;
  #dismissals: Dismissals | null = null;
  #announcements: Announcements | null = null;
  #pendingRedirects: PendingRedirects | null = null;
  #redirectChecked = false;
  #generation = 0;
  #fetchSeq = 0;
  #lastErrorCode: string | null = null;
  #liveTouched = new Map<string, number>();
  #requestedVia = new Map<string, Via>();
  #domIds = new Map<string, string>();
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #popupTimer: ReturnType<typeof setInterval> | undefined;
  #langObserver: MutationObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('message', this.#onMessage);
    this.#tickTimer = setInterval(() => (this.now = Date.now()), TICK_MS);
    this.#langObserver = new MutationObserver(() => this.requestUpdate());
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    if (this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.#onMessage);
    clearInterval(this.#tickTimer);
    clearInterval(this.#popupTimer);
    this.#popupTimer = undefined;
    this.#langObserver?.disconnect();
    this.#disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('sessionToken') || changed.has('pollSeconds')) this.#connect();
  }

  /** Fetches the integrations again now (the widget also does this by itself after reconnects). */
  async refetch(): Promise<void> {
    await this.#load();
  }

  // ---- data ---------------------------------------------------------------------------------

  get #pollMs(): number {
    return Math.max(1, this.pollSeconds || 30) * 1000;
  }

  #connect(): void {
    this.#disconnect();
    if (!this.isConnected) return;
    let endpoint: ApiEndpoint;
    try {
      endpoint = apiEndpoint(this.api, this.sessionToken, document.baseURI);
    } catch (error) {
      this.#report(toRelinkError(error));
      return;
    }
    if (this.#endpoint?.origin !== endpoint.origin) {
      this.integrations = new Map();
      this.#dismissals = new Dismissals(endpoint.origin);
      this.#announcements = new Announcements(endpoint.origin);
      this.#pendingRedirects = new PendingRedirects(endpoint.origin);
      this.#redirectChecked = false;
    }
    this.#endpoint = endpoint;
    this.#lastErrorCode = null;
    const generation = this.#generation;
    void this.#load().then((result) => {
      if (generation !== this.#generation || result === 'refused') return;
      this.#live = new LiveUpdates({
        endpoint,
        pollIntervalMs: this.#pollMs,
        onIntegration: (value) => this.#applyLive(value),
        onResync: () => void this.#load(),
        onRefused: (error) => this.#liveRefused(error),
      });
      this.#live.start();
    });
  }

  #disconnect(): void {
    this.#generation += 1;
    this.#live?.stop();
    this.#live = null;
  }

  async #load(): Promise<'ok' | 'failed' | 'refused'> {
    const endpoint = this.#endpoint;
    if (!endpoint) return 'failed';
    const generation = this.#generation;
    const seq = ++this.#fetchSeq;
    const startedAt = performance.now();
    try {
      const list = await fetchWatchedIntegrations(endpoint);
      if (generation === this.#generation && seq === this.#fetchSeq) {
        this.#lastErrorCode = null;
        this.#applySnapshot(list, startedAt);
      }
      return 'ok';
    } catch (caught) {
      if (generation !== this.#generation) return 'failed';
      const error = toRelinkError(caught);
      this.#report(error);
      if (error.code !== 'SESSION_EXPIRED' && error.code !== 'FORBIDDEN') return 'failed';
      this.#disconnect();
      return 'refused';
    }
  }

  /** The subscription was refused: ask over HTTP for the precise reason; keep polling if HTTP works. */
  #liveRefused(error: RelinkError): void {
    const generation = this.#generation;
    void this.#load().then((result) => {
      if (result !== 'ok' || generation !== this.#generation) return;
      this.#report(error);
      const timer = setInterval(() => (generation === this.#generation ? void this.#load() : clearInterval(timer)), this.#pollMs);
    });
  }

  #applySnapshot(list: WidgetIntegration[], startedAt: number): void {
    const next = new Map<string, WidgetIntegration>();
    for (const integration of list) if (isNoteworthy(integration)) next.set(integration.id, integration);
    for (const [id, touchedAt] of this.#liveTouched) {
      if (touchedAt <= startedAt) {
        this.#liveTouched.delete(id);
        continue;
      }
      const current = this.integrations.get(id); // a live event newer than this snapshot wins
      if (current) next.set(id, current);
      else next.delete(id);
    }
    this.#replace(next);
    if (!this.#redirectChecked) {
      this.#redirectChecked = true;
      this.#confirmRedirect();
    }
  }

  #applyLive(value: unknown): void {
    let integration: WidgetIntegration;
    try {
      integration = parseIntegration(value, 'integrationStatusChanged');
    } catch (error) {
      this.#report(toRelinkError(error));
      return;
    }
    this.#liveTouched.set(integration.id, performance.now());
    const next = new Map(this.integrations);
    if (isNoteworthy(integration)) next.set(integration.id, integration);
    else next.delete(integration.id);
    this.#replace(next);
  }

  #replace(next: Map<string, WidgetIntegration>): void {
    const resolved = [...this.integrations.values()].filter((before) => before.needsReauthorization && !next.get(before.id)?.needsReauthorization);
    this.integrations = next;
    if (resolved.length > 0) this.#celebrate(resolved);
  }

  /** Integrations that needed reauthorization and no longer do: short success state, then gone. */
  #celebrate(resolved: WidgetIntegration[]): void {
    const ids = new Set(resolved.map((integration) => integration.id));
    this.#showSuccesses(buildBanners(resolved).map((banner) => [banner.provider, banner.integrations.map((integration) => integration.name)]));

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
      const via = this.#requestedVia.get(id) ?? 'elsewhere';
      this.#requestedVia.delete(id);
      byVia.set(via, [...(byVia.get(via) ?? []), id]);
    }
    for (const [via, integrationIds] of byVia) this.#emit('relink-refreshed', { integrationIds, via });
  }

  #showSuccesses(groups: Array<[Provider, string[]]>): void {
    const now = Date.now();
    const catalogue = catalogueFor(this.#lang());
    const added = groups.map(([provider, names], index) => ({ key: `${now}:${index}`, provider, names, until: now + SUCCESS_VISIBLE_MS }));
    this.successes = [...this.successes, ...added];
    this.politeMessage = added
      .map((success) => `${catalogue.successTitle}: ${catalogue.provider[success.provider]} · ${success.names.join(', ')}. ${catalogue.successBody}`)
      .join(' ');
    setTimeout(() => {
      this.successes = this.successes.filter((success) => success.until > Date.now());
      if (this.successes.length === 0) this.politeMessage = '';
    }, SUCCESS_VISIBLE_MS + 50);
  }

  /** After a full-page redirect for consent, confirm (or not) that it worked. */
  #confirmRedirect(): void {
    const pending = this.#pendingRedirects?.take(Date.now());
    if (!pending) return;
    const stillBroken = pending.integrationIds.filter((id) => this.integrations.get(id)?.needsReauthorization);
    const fixed = pending.integrationIds.flatMap((id, index) => (stillBroken.includes(id) ? [] : [[id, pending.names[index] ?? ''] as const]));
    if (fixed.length > 0) {
      this.#showSuccesses([[pending.provider, fixed.map(([, name]) => name)]]);
      this.#emit('relink-refreshed', { integrationIds: fixed.map(([id]) => id), via: 'redirect' });
    }
    if (stillBroken.length > 0) this.#markStillBroken(stillBroken);
  }

  #markStillBroken(integrationIds: string[]): void {
    const catalogue = catalogueFor(this.#lang());
    const problems = new Map(this.problems);
    for (const banner of buildBanners(this.integrations.values())) {
      if (banner.kind !== 'checking' && banner.integrations.some((integration) => integrationIds.includes(integration.id))) {
        problems.set(banner.key, catalogue.stillDisconnected(banner.identity?.name ?? null));
      }
    }
    this.problems = problems;
  }

  #report(error: RelinkError, integrationIds?: string[]): void {
    const repeated = error.code === this.#lastErrorCode && (error.code === 'NETWORK' || error.code === 'SERVER');
    this.#lastErrorCode = error.code;
    if (!repeated) this.#emit('relink-error', { code: error.code, message: error.message, ...(integrationIds ? { integrationIds } : {}) });
  }

  #emit<K extends keyof RelinkEventMap>(type: K, detail: RelinkEventMap[K]['detail']): void {
    this.dispatchEvent(relinkEvent(type, detail));
  }

  // ---- refresh (consent) --------------------------------------------------------------------

  #refresh(banner: ReauthBanner | ExpiringBanner): void {
    const existing = this.refreshes.get(banner.key);
    if (existing?.popup && !existing.popup.closed) {
      existing.popup.focus();
      return;
    }
    const endpoint = this.#endpoint;
    const first = banner.integrations[0];
    if (existing?.phase === 'redirecting' || !endpoint || !first) return;

    // Open the popup now, inside the click, so the browser does not block it; navigate it later.
    let popup: Window | null = null;
    try {
      popup = open('', 'relink-reauthorize', POPUP_FEATURES);
    } catch {
      popup = null;
    }
    const mode = popup ? 'popup' : 'redirect';
    const catalogue = catalogueFor(this.#lang());
    try {
      if (popup) popup.document.title = popup.document.body.textContent = catalogue.refreshRedirecting;
    } catch {
      // a reused popup may already show another origin
    }
    const integrationIds = banner.integrations.map((integration) => integration.id);
    for (const id of integrationIds) this.#requestedVia.set(id, mode);
    this.#setProblem(banner.key, null);
    this.refreshes = new Map(this.refreshes).set(banner.key, { integrationIds, popup, phase: popup ? 'waiting' : 'redirecting' });
    this.#emit('relink-refresh-start', { integrationIds, provider: banner.provider, mode });
    void this.#beginConsent(banner, endpoint, first.id, popup);
  }

  async #beginConsent(banner: ReauthBanner | ExpiringBanner, endpoint: ApiEndpoint, integrationId: string, popup: Window | null): Promise<void> {
    const integrationIds = banner.integrations.map((integration) => integration.id);
    try {
      const start = await startReauthorization(endpoint, integrationId, popup ? null : location.href);
      if (popup?.closed) {
        this.#endRefresh(banner.key);
      } else if (popup) {
        popup.location.href = start.url;
        this.#watchPopups();
      } else {
        this.#pendingRedirects?.save({
          integrationIds,
          names: banner.integrations.map((integration) => integration.name),
          provider: banner.provider,
          at: Date.now(),
        });
        location.assign(start.url);
      }
    } catch (caught) {
      popup?.close();
      const error = toRelinkError(caught);
      this.#endRefresh(banner.key);
      for (const id of integrationIds) this.#requestedVia.delete(id);
      this.#setProblem(banner.key, catalogueFor(this.#lang()).startFailed(error.message));
      this.#report(error, integrationIds);
    }
  }

  #setProblem(key: string, message: string | null): void {
    const problems = new Map(this.problems);
    if (message) problems.set(key, message);
    else problems.delete(key);
    this.problems = problems;
  }

  #endRefresh(key: string): void {
    const refreshes = new Map(this.refreshes);
    if (refreshes.delete(key)) this.refreshes = refreshes;
  }

  /** A popup closed without a message (cancelled, or the opener link was cut): re-enable and recheck. */
  #watchPopups(): void {
    this.#popupTimer ??= setInterval(() => {
      const closed = [...this.refreshes].filter(([, refresh]) => refresh.popup?.closed);
      for (const [key] of closed) this.#endRefresh(key);
      if (closed.length > 0) void this.#load();
      if (![...this.refreshes.values()].some((refresh) => refresh.popup && !refresh.popup.closed)) {
        clearInterval(this.#popupTimer);
        this.#popupTimer = undefined;
      }
    }, 1000);
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const message = this.#endpoint && readOAuthComplete(event, this.#endpoint.origin);
    if (!message) return;
    const reported = message.integrationIds;
    const finished = [...this.refreshes].filter(([, refresh]) => !reported || refresh.integrationIds.some((id) => reported.includes(id)));
    for (const [key] of finished) this.#endRefresh(key);
    const finishedIds = finished.flatMap(([, refresh]) => refresh.integrationIds);
    if (message.ok) {
      void this.#load().then(() => {
        const stillBroken = finishedIds.filter((id) => this.integrations.get(id)?.needsReauthorization);
        if (stillBroken.length > 0) this.#markStillBroken(stillBroken);
      });
      return;
    }
    const reason = message.error ?? 'cancelled';
    for (const [key] of finished) this.#setProblem(key, catalogueFor(this.#lang()).popupFailed(reason));
    for (const id of finishedIds) this.#requestedVia.delete(id);
    this.#report(new RelinkError('REAUTHORIZATION_FAILED', `Reauthorization did not complete: ${reason}.`), reported ?? finishedIds);
  };

  #dismiss(banner: Banner): void {
    if (!this.#dismissals || this.dismissHours <= 0) return;
    const until = this.#dismissals.dismiss(banner.fingerprint, Date.now(), this.dismissHours);
    this.#emit('relink-dismiss', {
      integrationIds: banner.integrations.map((integration) => integration.id),
      until: new Date(until).toISOString(),
    });
    this.now = Date.now();
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** The `lang` of the element or its nearest ancestor (across shadow roots); English by default. */
  #lang(): string {
    let node: Node | null = this.parentNode;
    if (this.lang) return this.lang;
    while (node) {
      if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? 'en';
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return 'en';
  }

  #domId(key: string): string {
    let id = this.#domIds.get(key);
    if (!id) this.#domIds.set(key, (id = `relink-${this.#domIds.size + 1}`));
    return id;
  }

  override render(): TemplateResult {
    const lang = this.#lang();
    const catalogue = catalogueFor(lang);
    const views = buildBanners(this.integrations.values())
      .filter((banner) => !this.#dismissals?.isDismissed(banner.fingerprint, this.now, this.dismissHours))
      .map((banner) => this.#view(banner, catalogue, lang));
    for (const success of this.successes) {
      views.push({
        kind: 'success',
        key: success.key,
        tone: 'success',
        icon: 'check',
        role: null,
        eyebrow: `${catalogue.provider[success.provider]} · ${success.names.join(', ')}`,
        title: catalogue.successTitle,
        body: catalogue.successBody,
      });
    }
    return html`${views.length > 0
        ? html`<div class="stack" part="stack">
            ${repeat(
              views,
              (view) => view.key,
              (view) => this.#renderView(view, catalogue),
            )}
          </div>`
        : nothing}
      <div class="visually-hidden" role="status">${this.politeMessage}</div>`;
  }

  #view(banner: Banner, catalogue: Catalogue, lang: string): View {
    const provider = catalogue.provider[banner.provider];
    const first = banner.integrations[0];
    const count = banner.integrations.length;
    const identity = banner.kind === 'checking' ? null : banner.identity;
    const eyebrow =
      count === 1 && first
        ? `${provider} · ${first.name}`
        : [provider, catalogue.adAccounts(count), ...(identity ? [catalogue.authorizedBy(identity.name)] : [])].join(' · ');
    const common = { key: banner.key, banner, eyebrow, names: count > 1 ? banner.integrations.map((integration) => integration.name) : undefined };
    switch (banner.kind) {
      case 'reauth': {
        const since = banner.untrackedSince;
        const duration = since ? formatDuration(catalogue, this.now - Date.parse(since)) : null;
        return {
          ...common,
          kind: 'reauth',
          tone: 'danger',
          icon: 'alert',
          role: this.#announcements?.shouldAnnounce(banner.fingerprint) === false ? 'group' : 'alert',
          title: banner.cause?.title ?? catalogue.reconnectTitle,
          badge: banner.cause?.securityRelated ? catalogue.securityBadge : undefined,
          body: banner.cause?.explanation ?? catalogue.reconnectExplanation(provider),
          action: `${banner.cause?.action ?? catalogue.reconnectAction}${count > 1 ? ` ${catalogue.oneConsentFixesAll(identity?.name ?? null, count)}` : ''}`,
          time: since
            ? {
                datetime: since,
                title: formatDate(lang, since, { dateStyle: 'medium', timeStyle: 'short' }),
                text: duration ? catalogue.notTrackingSince(duration) : catalogue.notTrackingJustNow,
              }
            : undefined,
        };
      }
      case 'expiring':
        return {
          ...common,
          kind: 'expiring',
          tone: 'warning',
          icon: 'clock',
          role: 'status',
          title: catalogue.expiringTitle,
          body: banner.expiresAt ? catalogue.expiresOn(formatDate(lang, banner.expiresAt, { dateStyle: 'long' })) : undefined,
          action: catalogue.expiringAction,
        };
      case 'checking':
        return { ...common, kind: 'checking', tone: 'info', icon: 'info', role: 'status', title: catalogue.checkingTitle(provider), body: catalogue.checkingBody };
      default:
        return unreachable(banner);
    }
  }

  #renderView(view: View, catalogue: Catalogue): TemplateResult {
    const id = this.#domId(view.key);
    const banner = view.banner;
    const refresh = this.refreshes.get(view.key);
    const problem = this.problems.get(view.key);
    return html`<div
      class="banner"
      part="banner banner-${view.kind}"
      data-kind=${view.kind}
      data-key=${view.key}
      data-tone=${view.tone}
      role=${view.role ?? nothing}
      aria-labelledby=${view.role ? id : nothing}
    >
      ${icon(view.icon)}
      <div class="content" part="content">
        <p class="eyebrow" part="eyebrow">${view.eyebrow}</p>
        <p class="title" part="title" id=${id}>
          ${view.title}${view.badge ? html`<span class="badge" part="badge">${view.badge}</span>` : nothing}
        </p>
        ${view.body ? html`<p class="body" part="body">${view.body}</p>` : nothing}
        ${view.names
          ? html`<ul class="accounts" part="accounts">
              ${view.names.map((name) => html`<li>${name}</li>`)}
            </ul>`
          : nothing}
        ${view.action ? html`<p class="action" part="action">${view.action}</p>` : nothing}
        ${view.time
          ? html`<p class="meta" part="untracked" aria-live="off">
              <time datetime=${view.time.datetime} title=${view.time.title}>${view.time.text}</time>
            </p>`
          : nothing}
        ${problem ? html`<p class="error" part="error" role="alert">${problem}</p>` : nothing}
      </div>
      ${banner
        ? html`<div class="actions" part="actions">
            ${banner.kind !== 'checking'
              ? html`<button class="button" part="button" type="button" aria-busy=${refresh ? 'true' : 'false'} aria-describedby=${id} @click=${() => this.#refresh(banner)}>
                  ${refresh ? (refresh.phase === 'waiting' ? catalogue.refreshWaiting : catalogue.refreshRedirecting) : catalogue.refresh}
                </button>`
              : nothing}
            ${this.dismissHours > 0
              ? html`<button class="dismiss" part="dismiss" type="button" aria-label=${catalogue.dismissLabel(view.eyebrow)} title=${catalogue.dismiss} @click=${() => this.#dismiss(banner)}>
                  ${icon('close', 'dismiss-icon')}
                </button>`
              : nothing}
          </div>`
        : nothing}
    </div>`;
  }
}

/** What one banner shows. */
interface View {
  kind: Banner['kind'] | 'success';
  key: string;
  tone: 'danger' | 'warning' | 'info' | 'success';
  icon: IconName;
  role: 'alert' | 'group' | 'status' | null;
  eyebrow: string;
  title: string;
  badge?: string | undefined;
  body?: string | undefined;
  names?: string[] | undefined;
  action?: string | undefined;
  time?: { datetime: string; title: string; text: string } | undefined;
  banner?: Banner;
}

function unreachable(value: never): never {
  throw new Error(`Unhandled banner ${JSON.stringify(value)}`);
}

function formatDate(lang: string, iso: string, options: Intl.DateTimeFormatOptions): string {
  try {
    return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
  } catch {
    return new Date(iso).toUTCString();
  }
}
