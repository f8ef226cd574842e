import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { apiEndpoint, type ApiEndpoint } from './api-endpoint.js';
import { bannerKind, buildBanners, type Banner } from './banner-model.js';
import { PROVIDER_NAMES, catalogueFor, formatDuration, type Catalogue } from './catalogue.js';
import { dismiss, isDismissed } from './dismissals.js';
import { relinkEvent, type RelinkEventMap, type RelinkRefreshedDetail } from './events.js';
import { icon } from './icons.js';
import { renderKeyedCards } from './keyed-cards.js';
import { parseIntegration, type WidgetIntegration } from './integration.js';
import { LiveUpdates } from './live-updates.js';
import { readOAuthComplete } from './oauth-message.js';
import { fetchWatchedIntegrations, startReauthorization } from './relink-api.js';
import { relinkBannerStyles } from './relink-banner.styles.js';
import { RelinkError, toRelinkError } from './relink-error.js';
import { sessionRead, sessionWrite } from './session-store.js';

/** How long the "Reconnected" state stays before the banner disappears. */
export const SUCCESS_VISIBLE_MS = 4000;

/** A refresh in progress for one banner (by key). */
interface Refresh {
  ids: string[];
  popup: Window | null;
}

/** A banner that just turned healthy (kind `success`), shown until `until`. */
interface Success extends Banner {
  until: number;
}

/** A reauthorization begun by a full-page redirect, remembered to confirm it after the return. */
interface PendingRedirect {
  integrations: WidgetIntegration[];
  at: number;
}

type Via = RelinkRefreshedDetail['via'];
const ICONS = { reauth: 'alert', expiring: 'clock', checking: 'info', success: 'check' } as const;

/**
 * An honest banner for each ad integration that needs the user: why it broke (the cause from the
 * API), how long data has gone untracked, what to do, and a one-click "Refresh token". Renders
 * nothing while everything is healthy. Reads `integrations` over GraphQL, then follows
 * `integrationStatusChanged` over graphql-ws (polling every `poll-seconds` when WebSockets are
 * blocked). The `lang` of the element or its nearest ancestor picks English or German.
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

  static override properties = {
    api: {},
    sessionToken: { attribute: 'session-token' },
    layout: { reflect: true },
    dismissHours: { attribute: 'dismiss-hours', type: Number },
    pollSeconds: { attribute: 'poll-seconds', type: Number },
  };

  /** Base URL of the Relink API (e.g. `https://relink.example.com`); GraphQL is at `${api}/graphql`. */
  api = '';

  /** Widget session token from `createWidgetSession`, sent as `Authorization: Bearer …`. Set a new one to recover from `SESSION_EXPIRED`. */
  sessionToken = '';

  /** `full` shows the cause's explanation and what to do; `compact` one line per banner. */
  layout: 'full' | 'compact' = 'full';

  /** Longest a dismissed, still unresolved banner stays hidden, in hours; `0` disables dismissing. */
  dismissHours = 4;

  /** Seconds between refetches while live updates (WebSockets) are unavailable. */
  pollSeconds = 30;

  // Rendered state: plain fields, changed through #set… helpers or followed by requestUpdate().
  #integrations = new Map<string, WidgetIntegration>();
  #successes: Success[] = [];
  #refreshes = new Map<string, Refresh>();
  #problems = new Map<string, string>();
  #politeMessage = '';
  /** What `updated()` puts in the stack: one card per banner key. */
  #cardTemplates: Array<[string, TemplateResult]> = [];
  #cards = new Map<string, HTMLElement>();

  #endpoint: ApiEndpoint | null = null;
  #live: LiveUpdates | null = null;
  #announced = new Map<string, boolean>();
  #redirectChecked = false;
  #generation = 0;
  #fetchSeq = 0;
  #lastErrorCode: string | null = null;
  #liveTouched = new Map<string, number>();
  #requestedVia = new Map<string, Via>();
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #popupTimer: ReturnType<typeof setInterval> | undefined;
  #langObserver = new MutationObserver(() => this.requestUpdate());

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('message', this.#onMessage);
    this.#tickTimer = setInterval(() => this.requestUpdate(), 60_000);
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    if (this.hasUpdated) this.#connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.#onMessage);
    clearInterval(this.#tickTimer);
    clearInterval(this.#popupTimer);
    this.#popupTimer = undefined;
    this.#langObserver.disconnect();
    this.#disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    renderKeyedCards(this.renderRoot.querySelector('.stack') as Element, this.#cardTemplates, this.#cards);
    if (changed.has('api') || changed.has('sessionToken') || changed.has('pollSeconds')) this.#connect();
  }

  /** Fetches the integrations again now (the widget also does this by itself after reconnects). */
  async refetch(): Promise<void> {
    await this.#load();
  }

  // ---- data ---------------------------------------------------------------------------------

  /** sessionStorage key for this Relink origin. */
  #key(name: string): string {
    return `relink:${this.#endpoint?.origin}:${name}`;
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
      this.#integrations = new Map();
      this.#redirectChecked = false;
    }
    this.#endpoint = endpoint;
    this.#lastErrorCode = null;
    const generation = this.#generation;
    void this.#load().then((result) => {
      if (generation !== this.#generation || result === 'refused') return;
      this.#live = new LiveUpdates({
        endpoint,
        pollIntervalMs: Math.max(1, this.pollSeconds || 30) * 1000,
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

  /** The subscription was refused (LiveUpdates keeps polling): HTTP tells the precise reason, else report the refusal. */
  #liveRefused(error: RelinkError): void {
    void this.#load().then((result) => result === 'ok' && this.#report(error));
  }

  #applySnapshot(list: WidgetIntegration[], startedAt: number): void {
    const next = new Map<string, WidgetIntegration>();
    for (const integration of list) if (bannerKind(integration)) next.set(integration.id, integration);
    for (const [id, touchedAt] of this.#liveTouched) {
      if (touchedAt <= startedAt) {
        this.#liveTouched.delete(id);
        continue;
      }
      const current = this.#integrations.get(id); // a live event newer than this snapshot wins
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
    const next = new Map(this.#integrations);
    if (bannerKind(integration)) next.set(integration.id, integration);
    else next.delete(integration.id);
    this.#replace(next);
  }

  /** New integrations; those that needed reauthorization and no longer do get a short success state. */
  #replace(next: Map<string, WidgetIntegration>): void {
    const resolved = [...this.#integrations.values()].filter((before) => before.needsReauthorization && !next.get(before.id)?.needsReauthorization);
    this.#integrations = next;
    this.requestUpdate();
    if (resolved.length === 0) return;
    const ids = resolved.map((integration) => integration.id);
    this.#showSuccesses(resolved);
    for (const [key, refresh] of this.#refreshes) {
      if (refresh.ids.every((id) => ids.includes(id) || !next.get(id)?.needsReauthorization)) {
        this.#problems.delete(key);
        this.#endRefresh(key);
      }
    }
    const byVia = new Map<Via, string[]>();
    for (const id of ids) {
      const via = this.#requestedVia.get(id) ?? 'elsewhere';
      this.#requestedVia.delete(id);
      byVia.set(via, [...(byVia.get(via) ?? []), id]);
    }
    for (const [via, integrationIds] of byVia) this.#emit('relink-refreshed', { integrationIds, via });
  }

  /** A short success banner per group of integrations that track again, announced politely. */
  #showSuccesses(resolved: WidgetIntegration[]): void {
    const until = Date.now() + SUCCESS_VISIBLE_MS;
    const catalogue = this.#catalogue();
    // One success per group: integrations of a group that heal one event after another join it.
    const added = buildBanners(resolved).map((banner): Success => {
      const key = `success:${banner.key}`;
      const earlier = this.#successes.find((success) => success.key === key)?.members ?? [];
      return { ...banner, kind: 'success', key, until, members: [...earlier, ...banner.members] };
    });
    this.#successes = [...this.#successes.filter((success) => !added.some((banner) => banner.key === success.key)), ...added];
    this.#politeMessage = added
      .map(({ provider, members }) => `${catalogue.successTitle}: ${PROVIDER_NAMES[provider]} · ${members.map((i) => i.name).join(', ')}. ${catalogue.successBody}`)
      .join(' ');
    this.requestUpdate();
    setTimeout(() => {
      this.#successes = this.#successes.filter((success) => success.until > Date.now());
      if (this.#successes.length === 0) this.#politeMessage = '';
      this.requestUpdate();
    }, SUCCESS_VISIBLE_MS + 50);
  }

  /** After a full-page redirect for consent, confirm (or not) that it worked. */
  #confirmRedirect(): void {
    const key = this.#key('pending-redirect');
    const pending = sessionRead(key) as Partial<PendingRedirect> | undefined;
    if (!pending) return;
    sessionWrite(key, null);
    let integrations: WidgetIntegration[];
    try {
      integrations = (pending.integrations ?? []).map((integration) => parseIntegration(integration));
    } catch {
      return; // not ours
    }
    if (!(Date.now() - Number(pending.at) < 30 * 60_000)) return;
    const fixed = integrations.filter((integration) => !this.#integrations.get(integration.id)?.needsReauthorization);
    if (fixed.length > 0) {
      this.#showSuccesses(fixed);
      this.#emit('relink-refreshed', { integrationIds: fixed.map((integration) => integration.id), via: 'redirect' });
    }
    this.#markStillBroken(integrations.filter((integration) => !fixed.includes(integration)).map((integration) => integration.id));
  }

  #markStillBroken(integrationIds: string[]): void {
    for (const banner of buildBanners(this.#integrations.values())) {
      if (banner.kind !== 'checking' && banner.members.some((integration) => integrationIds.includes(integration.id))) {
        this.#setProblem(banner.key, this.#catalogue().stillDisconnected(banner.identity?.name ?? null));
      }
    }
  }

  #report(error: RelinkError, integrationIds?: string[]): void {
    const repeated = error.code === this.#lastErrorCode && (error.code === 'NETWORK' || error.code === 'SERVER');
    this.#lastErrorCode = error.code;
    if (!repeated) this.#emit('relink-error', { code: error.code, message: error.message, ...(integrationIds && { integrationIds }) });
  }

  #emit<K extends keyof RelinkEventMap>(type: K, detail: RelinkEventMap[K]['detail']): void {
    this.dispatchEvent(relinkEvent(type, detail));
  }

  // ---- refresh (consent) --------------------------------------------------------------------

  async #refresh(banner: Banner): Promise<void> {
    const existing = this.#refreshes.get(banner.key);
    if (existing?.popup && !existing.popup.closed) {
      existing.popup.focus();
      return;
    }
    const endpoint = this.#endpoint;
    const first = banner.members[0];
    if ((existing && !existing.popup) || !endpoint || !first) return;

    // Open the popup now, inside the click, so the browser does not block it; navigate it later.
    let popup: Window | null = null;
    try {
      popup = open('', 'relink-reauthorize', 'popup,width=600,height=720');
      if (popup) popup.document.title = popup.document.body.textContent = this.#catalogue().refreshing;
    } catch {
      // blocked, or a reused popup that already shows another origin
    }
    const mode = popup ? 'popup' : 'redirect';
    const integrationIds = banner.members.map((integration) => integration.id);
    for (const id of integrationIds) this.#requestedVia.set(id, mode);
    this.#setProblem(banner.key, null);
    this.#refreshes.set(banner.key, { ids: integrationIds, popup });
    this.#emit('relink-refresh-start', { integrationIds, provider: banner.provider, mode });
    try {
      const url = await startReauthorization(endpoint, first.id, popup ? null : location.href);
      if (popup?.closed) {
        this.#endRefresh(banner.key);
      } else if (popup) {
        popup.location.href = url;
        this.#watchPopups();
      } else {
        sessionWrite(this.#key('pending-redirect'), { integrations: banner.members, at: Date.now() } satisfies PendingRedirect);
        location.assign(url);
      }
    } catch (caught) {
      popup?.close();
      const error = toRelinkError(caught);
      this.#endRefresh(banner.key);
      for (const id of integrationIds) this.#requestedVia.delete(id);
      this.#setProblem(banner.key, this.#catalogue().startFailed(error.message));
      this.#report(error, integrationIds);
    }
  }

  #setProblem(key: string, message: string | null): void {
    if (message) this.#problems.set(key, message);
    else this.#problems.delete(key);
    this.requestUpdate();
  }

  #endRefresh(key: string): void {
    this.#refreshes.delete(key);
    this.requestUpdate();
  }

  /** A popup closed without a message (cancelled, or the opener link was cut): re-enable and recheck. */
  #watchPopups(): void {
    this.#popupTimer ??= setInterval(() => {
      let open = false;
      for (const [key, { popup }] of this.#refreshes) {
        if (popup?.closed) {
          this.#endRefresh(key);
          void this.#load();
        } else if (popup) open = true;
      }
      if (!open) {
        clearInterval(this.#popupTimer);
        this.#popupTimer = undefined;
      }
    }, 1000);
  }

  readonly #onMessage = (event: MessageEvent): void => {
    const message = this.#endpoint && readOAuthComplete(event, this.#endpoint.origin);
    if (!message) return;
    const reported = message.integrationIds;
    const finished = [...this.#refreshes].filter(([, refresh]) => !reported || refresh.ids.some((id) => reported.includes(id)));
    for (const [key] of finished) this.#endRefresh(key);
    const finishedIds = finished.flatMap(([, refresh]) => refresh.ids);
    if (message.ok) {
      void this.#load().then(() => this.#markStillBroken(finishedIds.filter((id) => this.#integrations.get(id)?.needsReauthorization)));
      return;
    }
    const reason = message.error ?? 'cancelled';
    for (const [key] of finished) this.#setProblem(key, this.#catalogue().popupFailed(reason));
    for (const id of finishedIds) this.#requestedVia.delete(id);
    this.#report(new RelinkError('REAUTHORIZATION_FAILED', `Reauthorization did not complete: ${reason}.`), reported ?? finishedIds);
  };

  #dismiss(banner: Banner): void {
    if (this.dismissHours <= 0) return;
    const until = dismiss(this.#key('dismissed'), banner.fingerprint, Date.now(), this.dismissHours);
    this.#emit('relink-dismiss', {
      integrationIds: banner.members.map((integration) => integration.id),
      until: new Date(until).toISOString(),
    });
    this.requestUpdate();
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** The `lang` of the element or its nearest ancestor (across shadow roots); English by default. */
  #lang(): string {
    let node: Node | null = this.parentNode;
    let lang = this.lang;
    while (!lang && node) {
      lang = (node as Element).getAttribute?.('lang') ?? '';
      node = node.parentNode ?? (node as ShadowRoot).host ?? null;
    }
    return lang || 'en';
  }

  #catalogue(): Catalogue {
    return catalogueFor(this.#lang());
  }

  /** Whether a reauth banner is announced (`role="alert"`): once per fingerprint and browser session. */
  #announce(fingerprint: string): boolean {
    let announce = this.#announced.get(fingerprint);
    if (announce === undefined) {
      const key = this.#key('announced');
      const stored = sessionRead(key);
      const seen = Array.isArray(stored) ? stored : [];
      announce = !seen.includes(fingerprint);
      this.#announced.set(fingerprint, announce);
      if (announce) sessionWrite(key, [...seen, fingerprint].slice(-200));
    }
    return announce;
  }

  override render(): TemplateResult {
    const lang = this.#lang();
    const catalogue = catalogueFor(lang);
    const now = Date.now();
    const banners = buildBanners(this.#integrations.values()).filter(
      (banner) => !isDismissed(this.#key('dismissed'), banner.fingerprint, now, this.dismissHours),
    );
    this.#cardTemplates = [...banners, ...this.#successes].map((banner, index) => [banner.key, this.#banner(banner, `relink-${index}`, catalogue, lang, now)]);
    return html`<div class="stack" part="stack"></div>
      <div class="sr-only" role="status">${this.#politeMessage}</div>`;
  }

  /** One banner; `id` labels it by its title (unique in this render). */
  #banner(banner: Banner, id: string, catalogue: Catalogue, lang: string, now: number): TemplateResult {
    const { kind, key, members, cause, identity, since } = banner;
    const provider = PROVIDER_NAMES[banner.provider];
    const count = members.length;
    const eyebrow =
      count > 1
        ? [provider, catalogue.adAccounts(count), ...(identity ? [catalogue.connectedBy(identity.name)] : [])].join(' · ')
        : `${provider} · ${members[0]?.name}`;
    const refreshing = this.#refreshes.get(key);
    const problem = this.#problems.get(key);
    const reauth = kind === 'reauth';
    const success = kind === 'success';
    // Reauth: an alert the first time (then a labelled group); success: announced by the polite region.
    const role = reauth ? (this.#announce(banner.fingerprint) ? 'alert' : 'group') : success ? 'group' : 'status';
    const title = reauth
      ? (cause?.title ?? catalogue.reconnectTitle)
      : kind === 'expiring'
        ? catalogue.expiringTitle
        : success
          ? catalogue.successTitle
          : catalogue.checkingTitle(provider);
    const body = reauth
      ? cause?.explanation
      : kind === 'expiring'
        ? since && catalogue.expiresOn(formatDate(lang, since, { dateStyle: 'long' }))
        : success
          ? catalogue.successBody
          : catalogue.checkingBody;
    const action = reauth
      ? `${cause?.action ?? catalogue.reconnectAction}${count > 1 ? ` ${catalogue.oneConsentFixesAll(identity?.name ?? null, count)}` : ''}`
      : kind === 'expiring' && catalogue.expiringAction;
    const duration = reauth && since && formatDuration(catalogue, now - Date.parse(since));
    return html`<div
      class="banner"
      part="banner banner-${kind}"
      data-kind=${kind}
      data-key=${key}
      role=${role}
      aria-labelledby=${id}
    >
      ${icon(ICONS[kind])}
      <div class="content" part="content">
        <p part="eyebrow">${eyebrow}</p>
        <p class="title" part="title" id=${id}>
          ${title}${reauth && cause?.securityRelated ? html`<span class="badge" part="badge">${catalogue.securityBadge}</span>` : nothing}
        </p>
        ${body ? html`<p part="body">${body}</p>` : nothing}
        ${count > 1 ? html`<ul part="accounts">${members.map((integration) => html`<li>${integration.name}</li>`)}</ul>` : nothing}
        ${action ? html`<p part="action">${action}</p>` : nothing}
        ${reauth && since
          ? html`<p part="untracked" aria-live="off">
              <time datetime=${since} title=${formatDate(lang, since, { dateStyle: 'medium', timeStyle: 'short' })}
                >${duration ? catalogue.notTrackingSince(duration) : catalogue.notTrackingJustNow}</time
              >
            </p>`
          : nothing}
        ${problem ? html`<p class="error" part="error" role="alert">${problem}</p>` : nothing}
      </div>
      ${success
        ? nothing
        : html`<div class="actions" part="actions">
        ${kind === 'checking'
          ? nothing
          : html`<button part="button" aria-busy=${!!refreshing} aria-describedby=${id} @click=${() => void this.#refresh(banner)}>
              ${refreshing ? catalogue.refreshing : catalogue.refresh}
            </button>`}
        ${this.dismissHours > 0
          ? html`<button part="dismiss" aria-label=${catalogue.dismissLabel(eyebrow)} title=${catalogue.dismissLabel(eyebrow)} @click=${() => this.#dismiss(banner)}>
              ${icon('close')}
            </button>`
          : nothing}
      </div>`}
    </div>`;
  }
}

/** The date in the page's language (UTC text when `lang` is not a valid tag). */
function formatDate(lang: string, iso: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  try {
    return date.toLocaleString(lang, options);
  } catch {
    return date.toUTCString();
  }
}
