import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { GraphqlClient } from '../api/GraphqlClient.js';
import { LiveUpdates, type LiveState } from '../api/LiveUpdates.js';
import { VIEWER } from '../api/operations.js';
import { TokenStore } from '../api/TokenStore.js';
import type { StatusChange } from '../api/types.js';
import { ApiError } from '../api/ApiError.js';
import { STATUS_LABELS } from '../format/labels.js';
import { parseRoute, routeHash, type Route, type ViewName } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';

const NAV: Array<{ view: ViewName; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'integrations', label: 'Integrations' },
  { view: 'blast-radius', label: 'Blast radius' },
  { view: 'audit', label: 'Audit log' },
];

const LIVE_LABELS: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: changes appear as they happen',
  reconnecting: 'Live updates interrupted, reconnecting…',
  off: 'Live updates off',
};

const SESSION_ENDED = 'Your staff session has ended (the token expired or was revoked). Sign in again to return to the page you were on; your filters are kept.';

interface FocusableView extends HTMLElement {
  focusHeading?(): void;
}

/**
 * The support console shell: sign-in, navigation, the routed view, and live updates over the
 * `integrationStatusChanged` subscription. State lives in the URL hash, the token in session storage.
 */
export class AdminApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { min-height: 100vh; background: var(--admin-subtle); }
      header { background: #0d1b2a; color: #fff; }
      .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.5rem 1.5rem; max-width: 90rem; margin: 0 auto; }
      .brand { font-weight: 700; font-size: 1.05rem; color: #fff; text-decoration: none; }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0; padding: 0; }
      nav a { color: #e6edf3; text-decoration: none; padding: 0.35rem 0.7rem; border-radius: 6px; display: inline-block; }
      nav a:hover { background: #1f3a56; color: #fff; }
      nav a[aria-current='page'] { background: #fff; color: #0d1b2a; font-weight: 600; }
      header :focus-visible { outline-color: #9cd0ff; }
      .session { margin-left: auto; display: flex; align-items: center; gap: 1rem; font-size: 0.875rem; }
      .live { display: inline-flex; align-items: center; gap: 0.4rem; color: #e6edf3; }
      .dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: #8c959f; }
      .dot.live { background: #4ac26b; }
      .dot.reconnecting, .dot.connecting { background: #e3b341; }
      header button { background: transparent; border-color: #9fb3c8; color: #fff; padding: 0.25rem 0.75rem; }
      header button:hover:not([disabled]) { background: #1f3a56; }
      main { padding: 1.25rem 1.5rem 3rem; max-width: 90rem; margin: 0 auto; }
      .skip { position: absolute; left: -999px; top: 0.25rem; background: #fff; color: var(--admin-accent); border-color: #fff; z-index: 10; }
      .skip:focus { left: 0.5rem; }
      header button.skip:hover:not([disabled]) { background: #fff; }
    `,
  ];

  /** GraphQL endpoint; defaults to `/graphql` on this origin (the API serves the console). */
  @property() api = '';

  @state() private route: Route = parseRoute(location.hash);
  @state() private signedIn = false;
  @state() private staffName = '';
  @state() private notice = '';
  @state() private liveState: LiveState = 'off';
  @state() private change: StatusChange | null = null;
  @state() private recent: StatusChange[] = [];
  @state() private announcement = '';

  private readonly tokens = new TokenStore();
  private client!: GraphqlClient;
  private live: LiveUpdates | null = null;
  private focusAfterRender = false;

  /** A new page moves focus to its heading; a filter, sort or page change on the same page leaves focus where it is (the control used). */
  private readonly onHashChange = () => {
    const next = parseRoute(location.hash);
    this.focusAfterRender = next.view !== this.route.view || next.id !== this.route.id;
    this.route = next;
  };

  private get httpUrl(): string {
    return new URL(this.api || '/graphql', location.href).toString();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.client = new GraphqlClient({ url: this.httpUrl, token: () => this.tokens.get(), onUnauthenticated: () => this.sessionEnded() });
    window.addEventListener('hashchange', this.onHashChange);
    if (this.tokens.get()) this.startSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.live?.stop();
  }

  protected override updated(): void {
    if (!this.focusAfterRender) return;
    this.focusAfterRender = false;
    const view = this.renderRoot.querySelector<FocusableView>('main > *');
    view?.focusHeading?.();
  }

  override render() {
    return html`
      <header>
        <button type="button" class="skip" @click=${this.skipToMain}>Skip to content</button>
        <div class="bar">
          <a class="brand" href=${routeHash('overview')}>Relink support</a>
          ${this.signedIn ? this.renderNav() : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.signedIn ? this.renderView() : this.renderSignIn()}</main>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    `;
  }

  private renderNav() {
    const current = this.route.view === 'integration' ? 'integrations' : this.route.view;
    return html`
      <nav aria-label="Console">
        <ul>
          ${NAV.map((item) => html`<li><a href=${routeHash(item.view)} aria-current=${current === item.view ? 'page' : 'false'}>${item.label}</a></li>`)}
        </ul>
      </nav>
      <div class="session">
        <span class="live" data-live-state=${this.liveState}><span class="dot ${this.liveState}" aria-hidden="true"></span>${LIVE_LABELS[this.liveState]}</span>
        <span>${this.staffName ? `Signed in as ${this.staffName}` : 'Signed in'}</span>
        <button type="button" @click=${this.signOut}>Sign out</button>
      </div>
    `;
  }

  private renderSignIn() {
    return html`<sign-in-view .verify=${this.verify} .notice=${this.notice} @admin-signed-in=${this.signedInWith}></sign-in-view>`;
  }

  private renderView() {
    const { route, client, change } = this;
    switch (route.view) {
      case 'overview':
        return html`<overview-view .client=${client} .route=${route} .change=${change} .recent=${this.recent}></overview-view>`;
      case 'integrations':
        return html`<integrations-view .client=${client} .route=${route} .change=${change}></integrations-view>`;
      case 'integration':
        return html`<integration-detail-view .client=${client} .route=${route} .change=${change}></integration-detail-view>`;
      case 'blast-radius':
        return html`<blast-radius-view .client=${client} .route=${route} .change=${change}></blast-radius-view>`;
      case 'audit':
        return html`<audit-log-view .client=${client} .route=${route} .change=${change}></audit-log-view>`;
    }
  }

  private skipToMain(): void {
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private readonly verify = async (token: string): Promise<string | null> => {
    const probe = new GraphqlClient({ url: this.httpUrl, token: () => token });
    try {
      const { viewer } = await probe.request(VIEWER, {});
      if (viewer.kind !== 'STAFF') {
        return `That is a ${viewer.kind.toLowerCase()} token, not a staff token. Use the staff token you were given (in development: RELINK_ADMIN_TOKEN).`;
      }
      this.staffName = viewer.name ?? '';
      return null;
    } catch (error) {
      const apiError = ApiError.from(error);
      if (apiError.code === 'UNAUTHENTICATED') return `${apiError.message} Check that you pasted the whole token.`;
      return `${apiError.message} ${apiError.advice}`;
    }
  };

  private signedInWith(event: CustomEvent<{ token: string }>): void {
    this.tokens.set(event.detail.token);
    this.notice = '';
    this.startSession();
    this.focusAfterRender = true;
  }

  private startSession(): void {
    this.signedIn = true;
    if (!this.staffName) {
      void this.client.request(VIEWER, {}).then(({ viewer }) => (this.staffName = viewer.name ?? ''), () => undefined);
    }
    this.live?.stop();
    const wsUrl = this.httpUrl.replace(/^http/, 'ws');
    this.live = new LiveUpdates({
      url: wsUrl,
      token: () => this.tokens.get(),
      onState: (liveState) => (this.liveState = liveState),
      onChange: (change) => this.received(change),
      onResync: () => (this.change = { ...(this.change ?? this.placeholderChange()) }),
      onUnauthenticated: () => this.sessionEnded(),
    });
    this.live.start();
  }

  private placeholderChange(): StatusChange {
    return { id: '', tenantId: '', name: '', provider: 'FACEBOOK', externalAccountId: '', status: 'HEALTHY', cause: null, statusChangedAt: new Date().toISOString(), untrackedSince: null };
  }

  private received(change: StatusChange): void {
    this.change = change;
    this.recent = [change, ...this.recent].slice(0, 20);
    this.announcement = `${change.name} is now ${STATUS_LABELS[change.status]}${change.cause ? ` (${change.cause.title})` : ''}.`;
  }

  private readonly sessionEnded = () => {
    if (!this.signedIn) return;
    this.endSession(SESSION_ENDED);
  };

  private signOut(): void {
    this.endSession('You signed out. The token was removed from this tab.');
  }

  private endSession(notice: string): void {
    this.tokens.clear();
    this.live?.stop();
    this.live = null;
    this.signedIn = false;
    this.staffName = '';
    this.recent = [];
    this.change = null;
    this.notice = notice;
    this.focusAfterRender = true;
  }
}
