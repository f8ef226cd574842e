import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError } from '../api/ApiError.js';
import type { GraphqlClient } from '../api/GraphqlClient.js';
import type { StatusChange } from '../api/types.js';
import type { Route } from '../routing/route.js';

/**
 * A view that loads its data from the API whenever what it shows (its `dataKey`) changes: the route
 * it was given, usually. A newer load aborts the older one; `refresh()` reloads without blanking the
 * page (live changes, after an action).
 */
export abstract class DataView<T> extends LitElement {
  /** The API client, set by admin-app. */
  @property({ attribute: false }) client!: GraphqlClient;
  /** Where the console is; views read their filters and page from `route.params`. */
  @property({ attribute: false }) route!: Route;
  /** The latest live change (admin-app sets it for every `integrationStatusChanged`; id '' after a reconnect: refetch everything). */
  @property({ attribute: false }) change: StatusChange | null = null;

  @state() protected data: T | null = null;
  @state() protected error: ApiError | null = null;
  @state() protected loading = false;

  /** Keep showing the old data (marked as updating) while a new key loads, e.g. a table being re-sorted keeps its header and focus. */
  protected keepsDataWhileLoading = false;

  private loadedKey: string | null = null;
  private controller: AbortController | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  /** What determines the data; a change reloads. */
  protected abstract dataKey(): string;
  protected abstract fetchData(signal: AbortSignal): Promise<T>;
  /** Whether a live change concerns what is on screen (default: always). */
  protected changeMatters(_change: StatusChange): boolean {
    return true;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.client || !this.route) return;
    const key = this.dataKey();
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      if (!this.keepsDataWhileLoading) this.data = null;
      void this.load();
    } else if (changed.has('change') && this.change && (this.change.id === '' || this.changeMatters(this.change))) {
      this.scheduleRefresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.loadedKey = null;
  }

  /** Reloads in place; errors replace the message, not the data already shown. */
  refresh(): Promise<void> {
    return this.load();
  }

  /** Live changes come in bursts (one identity, many integrations): refetch once per burst. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.load();
    }, 400);
  }

  private async load(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    try {
      const data = await this.fetchData(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.error = null;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = ApiError.from(error);
    } finally {
      if (this.controller === controller) {
        this.loading = false;
        this.controller = null;
      }
    }
  }

  /** Focuses the view's heading after navigation (screen readers hear where they are). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  /** Moves the console to another hash (filters, page, another view). */
  protected navigate(hash: string): void {
    if (location.hash !== hash) location.hash = hash;
  }
}
