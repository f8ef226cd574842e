import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { INTEGRATIONS, TENANT, TENANTS } from '../api/operations.js';
import {
  CAUSES,
  PROVIDERS,
  STATUSES,
  type Connection,
  type IntegrationOrder,
  type IntegrationOrderField,
  type IntegrationRow,
  type IntegrationStatus,
  type OrderDirection,
  type StatusChange,
  type StatusCount,
  type TenantRef,
} from '../api/types.js';
import { statusBadge, errorMessage, providerName } from '../components/templates.js';
import { formatCount, formatDateTime, formatDuration, formatRelative, secondsBetween } from '../format/format.js';
import { CAUSE_LABELS, STATUS_LABELS } from '../format/labels.js';
import { filterFromParams, orderFromParams, orderParams, routeHash, withParams } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { DataView } from './DataView.js';

interface IntegrationsData {
  page: Connection<IntegrationRow>;
  counts: StatusCount[];
  tenant: TenantRef | null;
}

const PAGE_SIZES = [25, 50, 100];

/** The API's order when none is asked for: oldest connection first. */
const DEFAULT_ORDER: IntegrationOrder = { field: 'CREATED_AT', direction: 'ASC' };

/** A column the table can be sorted by. */
interface SortColumn {
  label: string;
  field: IntegrationOrderField;
  /** The direction of the first click. */
  first: OrderDirection;
  /** The column shows time elapsed since the key (durations): the key ascending is the values descending. */
  elapsed?: boolean;
}

const SORT_COLUMNS = {
  name: { label: 'Integration', field: 'NAME', first: 'ASC' },
  changed: { label: 'Status since', field: 'STATUS_CHANGED_AT', first: 'DESC' },
  untracked: { label: 'Untracked for', field: 'UNTRACKED_SINCE', first: 'ASC', elapsed: true },
  created: { label: 'Connected', field: 'CREATED_AT', first: 'DESC' },
} satisfies Record<string, SortColumn>;

/**
 * Every integration across tenants, filtered and paged on the server (Relay cursors), so it stays fast
 * at 100,000 rows. Filters and the page live in the URL hash.
 */
export class IntegrationsView extends DataView<IntegrationsData> {
  static override styles = [
    sharedStyles,
    css`
      .filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; margin: 1rem 0 0.5rem; }
      .filters input[type='search'] { width: 16rem; }
      .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 1rem; padding: 0; list-style: none; }
      .chips button { background: var(--admin-surface); color: var(--admin-text); border: 1px solid var(--admin-border); font-weight: 500; }
      .chips button[aria-pressed='true'] { border: 2px solid var(--admin-accent); background: #eef4fb; }
      .chips .count { font-variant-numeric: tabular-nums; font-weight: 700; margin-left: 0.35rem; }
      .summary { margin: 0.5rem 0; }
      .pager { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.75rem; }
      td .sub { display: block; color: var(--admin-muted); font-size: 0.8125rem; }
      th button.sort {
        background: none; border: none; border-radius: 2px; padding: 0; color: inherit; font: inherit; font-weight: 700;
        text-transform: inherit; letter-spacing: inherit; display: inline-flex; gap: 0.3rem; align-items: baseline; text-align: left;
      }
      th button.sort:hover:not([disabled]) { background: none; color: var(--admin-text); text-decoration: underline; }
      th[aria-sort='ascending'], th[aria-sort='descending'] { color: var(--admin-text); }
      th button.sort .arrow { font-size: 0.75rem; }
      table[aria-busy='true'] tbody { opacity: 0.6; }
      .identity-filter { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      .identity-filter p { flex: 1 0 100%; margin: 0; }
      .hint { font-size: 0.8125rem; color: var(--admin-muted); margin: 0.2rem 0 0; }
    `,
  ];

  protected override keepsDataWhileLoading = true;

  /** Cursors of the pages before this one, to go back (Relay pages only go forward). */
  @state() private previous: Array<string | null> = [];
  @state() private tenantOptions: TenantRef[] = [];
  @state() private tenantHint = '';
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  protected dataKey(): string {
    return this.route.params.toString();
  }

  private get pageSize(): number {
    const size = Number(this.route.params.get('size'));
    return PAGE_SIZES.includes(size) ? size : 50;
  }

  protected async fetchData(signal: AbortSignal): Promise<IntegrationsData> {
    const filter = filterFromParams(this.route.params);
    const after = this.route.params.get('after');
    if (!after) this.previous = [];
    const orderBy = orderFromParams(this.route.params);
    const [result, tenant] = await Promise.all([
      this.client.request(INTEGRATIONS, { filter, first: this.pageSize, after, tenantId: filter.tenantId ?? null, orderBy }, signal),
      filter.tenantId ? this.client.request(TENANT, { id: filter.tenantId }, signal).then((r) => r.tenant) : Promise.resolve(null),
    ]);
    return { page: result.integrations, counts: result.healthSummary.byStatus, tenant };
  }

  protected override changeMatters(change: StatusChange): boolean {
    const filter = filterFromParams(this.route.params);
    return !filter.tenantId || filter.tenantId === change.tenantId;
  }

  override render() {
    const filter = filterFromParams(this.route.params);
    return html`
      <h1 tabindex="-1">Integrations</h1>
      <p class="lede">Every tenant's ad-platform connections. Filter to find one; open it to see why it broke and to fix it.</p>
      ${this.renderChips(filter.status ?? [])}
      ${this.renderFilters()}
      ${this.renderIdentityNotice(filter.identityId)}
      ${errorMessage(this.error, () => void this.refresh())}
      ${this.renderSummary()}
      ${this.renderTable()}
      ${this.renderPager()}
    `;
  }

  private renderChips(selected: IntegrationStatus[]) {
    const counts = new Map((this.data?.counts ?? []).map((c) => [c.status, c.count]));
    const scope = this.data?.tenant ? `in ${this.data.tenant.name}` : 'across all tenants';
    return html`<h2 class="visually-hidden">Counts by status</h2>
      <ul class="chips" aria-label="Status filter with counts ${scope}">
        ${STATUSES.map(
          (status) => html`<li><button type="button" aria-pressed=${selected.includes(status) ? 'true' : 'false'} @click=${() => this.toggleStatus(status)}>
            ${STATUS_LABELS[status]}<span class="count">${counts.has(status) ? formatCount(counts.get(status) ?? 0) : '…'}</span>
          </button></li>`,
        )}
      </ul>`;
  }

  private renderFilters() {
    const params = this.route.params;
    const tenantName = this.data?.tenant?.name ?? '';
    return html`<form class="filters" role="search" aria-label="Filter integrations" @submit=${(e: Event) => e.preventDefault()}>
      <div>
        <label for="q">Name or account id</label>
        <input id="q" type="search" placeholder="e.g. Summer sale or act_123" .value=${params.get('q') ?? ''} @input=${this.onSearchInput} @search=${this.onSearchInput} />
      </div>
      <div>
        <label for="tenant">Tenant</label>
        <input id="tenant" list="tenant-options" placeholder="All tenants" autocomplete="off" aria-describedby="tenant-hint"
          .value=${tenantName} @input=${this.onTenantInput} @change=${this.onTenantChange} />
        <datalist id="tenant-options">${this.tenantOptions.map((t) => html`<option value=${t.name}></option>`)}</datalist>
        <p id="tenant-hint" class="hint" aria-live="polite">${this.tenantHint || 'Type to find a tenant; clear to see all.'}</p>
      </div>
      <div>
        <label for="provider">Provider</label>
        <select id="provider" @change=${(e: Event) => this.setParam('provider', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!params.get('provider')}>All providers</option>
          ${PROVIDERS.map((p) => html`<option value=${p} ?selected=${params.get('provider') === p}>${providerName(p)}</option>`)}
        </select>
      </div>
      <div>
        <label for="cause">Cause</label>
        <select id="cause" @change=${(e: Event) => this.setParam('cause', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!params.get('cause')}>Any cause</option>
          ${CAUSES.map((c) => html`<option value=${c} ?selected=${params.get('cause') === c}>${CAUSE_LABELS[c]}</option>`)}
        </select>
      </div>
      <div>
        <label for="size">Rows per page</label>
        <select id="size" @change=${(e: Event) => this.setParam('size', (e.target as HTMLSelectElement).value)}>
          ${PAGE_SIZES.map((n) => html`<option value=${String(n)} ?selected=${this.pageSize === n}>${n}</option>`)}
        </select>
      </div>
      <div><button type="button" class="secondary" @click=${this.clearFilters}>Clear filters</button></div>
    </form>`;
  }

  private renderSummary() {
    if (!this.data) return this.loading ? html`<p class="summary muted" role="status">Loading integrations…</p>` : nothing;
    const { totalCount, edges } = this.data.page;
    const start = this.previous.length * this.pageSize + (this.route.params.get('after') && this.previous.length === 0 ? NaN : 0);
    const from = Number.isNaN(start) ? null : start + 1;
    const text =
      totalCount === 0
        ? 'No integrations match these filters. Clear a filter or check the spelling of the search.'
        : from === null
          ? `Showing ${formatCount(edges.length)} of ${formatCount(totalCount)} matching integrations`
          : `Showing ${formatCount(from)}–${formatCount(from + edges.length - 1)} of ${formatCount(totalCount)} matching integrations`;
    return html`<p class="summary" role="status" data-total=${totalCount}>${text}${this.loading ? ' (updating…)' : ''}</p>`;
  }

  private renderTable() {
    const edges = this.data?.page.edges ?? [];
    if (edges.length === 0) return nothing;
    const now = new Date();
    return html`<table aria-busy=${this.loading ? 'true' : 'false'}>
      <caption class="visually-hidden">Integrations matching the filters, ${this.orderDescription()}</caption>
      <thead>
        <tr>
          ${this.sortHeader(SORT_COLUMNS.name)}
          <th scope="col">Tenant</th>
          <th scope="col">Status</th>
          ${this.sortHeader(SORT_COLUMNS.changed)}
          <th scope="col">Cause</th>
          ${this.sortHeader(SORT_COLUMNS.untracked)}
          <th scope="col">Authorized by</th>
          <th scope="col">Last checked</th>
          ${this.sortHeader(SORT_COLUMNS.created)}
        </tr>
      </thead>
      <tbody>
        ${edges.map(({ node }) => html`<tr data-id=${node.id}>
          <td><a href=${routeHash('integration', this.backParams(), node.id)}>${node.name}</a><span class="sub">${providerName(node.provider)} · <span class="mono">${node.externalAccountId}</span></span></td>
          <td>${node.tenant?.name ?? node.tenantId}</td>
          <td>${statusBadge(node.status)}</td>
          <td>${formatDateTime(node.statusChangedAt)}</td>
          <td>${node.cause?.title ?? html`<span class="muted">—</span>`}</td>
          <td>${node.untrackedSince ? formatDuration(secondsBetween(node.untrackedSince, null, now)) : html`<span class="muted">—</span>`}</td>
          <td>${node.authorizedBy?.name ?? html`<span class="muted">unknown</span>`}</td>
          <td>${formatRelative(node.lastCheckedAt, now)}</td>
          <td>${formatDateTime(node.createdAt)}</td>
        </tr>`)}
      </tbody>
    </table>`;
  }

  private get order(): IntegrationOrder {
    return orderFromParams(this.route.params) ?? DEFAULT_ORDER;
  }

  /** Whether a column's shown values run ascending in the current order (null: not sorted by it). */
  private valuesAscending(column: SortColumn): boolean | null {
    if (this.order.field !== column.field) return null;
    return (this.order.direction === 'ASC') !== Boolean(column.elapsed);
  }

  /** A column header that sorts: a button inside, `aria-sort` on the header. */
  private sortHeader(column: SortColumn) {
    const ascending = this.valuesAscending(column);
    const ariaSort = ascending === null ? 'none' : ascending ? 'ascending' : 'descending';
    return html`<th scope="col" aria-sort=${ariaSort} data-sort-field=${column.field}>
      <button type="button" class="sort" @click=${() => this.sortBy(column)}>
        ${column.label}<span class="arrow" aria-hidden="true">${ascending === null ? '↕' : ascending ? '▲' : '▼'}</span>
      </button>
    </th>`;
  }

  private orderDescription(): string {
    const column = Object.values(SORT_COLUMNS).find((c) => c.field === this.order.field)!;
    const ascending = this.valuesAscending(column);
    const hint: Record<IntegrationOrderField, [string, string]> = {
      NAME: ['A to Z', 'Z to A'],
      STATUS_CHANGED_AT: ['oldest status change first', 'latest status change first'],
      UNTRACKED_SINCE: ['shortest untracked first', 'longest untracked first'],
      CREATED_AT: ['oldest connection first', 'newest connection first'],
    };
    return `sorted by ${column.label.toLowerCase()}, ${hint[column.field][ascending ? 0 : 1]}`;
  }

  private sortBy(column: SortColumn): void {
    const current = this.order;
    const next: IntegrationOrder =
      current.field === column.field ? { field: column.field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' } : { field: column.field, direction: column.first };
    this.navigate(routeHash('integrations', withParams(this.route.params, orderParams(next))));
  }

  /** The person filter (from the blast radius): whose integrations these are, and the way out. */
  private renderIdentityNotice(identityId: string | undefined) {
    if (!identityId) return nothing;
    const name = this.data?.page.edges.find((e) => e.node.authorizedBy?.id === identityId)?.node.authorizedBy?.name;
    return html`<div class="notice identity-filter" data-identity-filter=${identityId}>
      <p>Showing only integrations authorized by <strong>${name ?? 'one person'}</strong>: when this login breaks, these break with it.</p>
      <button type="button" class="secondary" @click=${() => this.setParam('identity', null)}>Show everyone's integrations</button>
      <a href=${routeHash('blast-radius', { identity: identityId })}>Back to the blast radius</a>
    </div>`;
  }

  private renderPager() {
    if (!this.data || this.data.page.totalCount === 0) return nothing;
    const after = this.route.params.get('after');
    const { hasNextPage } = this.data.page.pageInfo;
    return html`<nav class="pager" aria-label="Pages">
      <button type="button" class="secondary" ?disabled=${!after} @click=${this.previousPage}>${this.previous.length === 0 && after ? 'First page' : 'Previous page'}</button>
      <span class="muted">Page ${after && this.previous.length === 0 ? '?' : this.previous.length + 1} of ${Math.max(1, Math.ceil(this.data.page.totalCount / this.pageSize))}</span>
      <button type="button" class="secondary" ?disabled=${!hasNextPage} @click=${this.nextPage}>Next page</button>
    </nav>`;
  }

  /** The list's state, passed to the detail page so "Back to integrations" restores it. */
  private backParams(): URLSearchParams {
    const back = new URLSearchParams();
    const query = this.route.params.toString();
    if (query) back.set('back', query);
    return back;
  }

  private setParam(key: string, value: string | null): void {
    this.navigate(routeHash('integrations', withParams(this.route.params, { [key]: value })));
  }

  private toggleStatus(status: IntegrationStatus): void {
    const current = (this.route.params.get('status') ?? '').split(',').filter(Boolean);
    const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    this.setParam('status', next.join(','));
  }

  private clearFilters(): void {
    this.tenantHint = '';
    const params = this.route.params;
    this.navigate(routeHash('integrations', { size: params.get('size'), sort: params.get('sort'), dir: params.get('dir') }));
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setParam('q', value.trim()), 300);
  }

  private async onTenantInput(event: Event): Promise<void> {
    const value = (event.target as HTMLInputElement).value.trim();
    try {
      const { tenants } = await this.client.request(TENANTS, { search: value || null, first: 20 });
      this.tenantOptions = tenants.edges.map((e) => e.node);
    } catch {
      this.tenantOptions = [];
    }
  }

  private async onTenantChange(event: Event): Promise<void> {
    const value = (event.target as HTMLInputElement).value.trim();
    if (!value) {
      this.tenantHint = '';
      this.setParam('tenant', null);
      return;
    }
    let match = this.tenantOptions.find((t) => t.name.toLowerCase() === value.toLowerCase());
    if (!match) {
      try {
        const { tenants } = await this.client.request(TENANTS, { search: value, first: 2 });
        match = tenants.edges.length === 1 ? tenants.edges[0]?.node : tenants.edges.find((e) => e.node.name.toLowerCase() === value.toLowerCase())?.node;
      } catch {
        match = undefined;
      }
    }
    if (!match) {
      this.tenantHint = `No single tenant matches "${value}". Pick one from the suggestions.`;
      return;
    }
    this.tenantHint = '';
    this.setParam('tenant', match.id);
  }

  private nextPage(): void {
    const cursor = this.data?.page.pageInfo.endCursor;
    if (!cursor) return;
    this.previous = [...this.previous, this.route.params.get('after')];
    this.navigate(routeHash('integrations', withParams(this.route.params, { after: cursor }, true)));
  }

  private previousPage(): void {
    const previous = [...this.previous];
    const back = previous.pop() ?? null;
    this.navigate(routeHash('integrations', withParams(this.route.params, { after: back }, true)));
    this.previous = previous;
  }
}
