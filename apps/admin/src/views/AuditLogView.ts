import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { op } from '../api/GraphqlClient.js';
import { AUDIT_LOG } from '../api/operations.js';
import type { AuditEntry, Connection, TenantRef } from '../api/types.js';
import { errorMessage } from '../components/templates.js';
import { formatCount, formatDateTime } from '../format/format.js';
import { routeHash, withParams } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { DataView } from './DataView.js';

interface AuditData {
  page: Connection<AuditEntry>;
  tenants: Map<string, string>;
}

const PAGE_SIZE = 50;

const ACTIONS: Record<string, string> = {
  'tenant.create': 'Created a tenant',
  'api_key.create': 'Created an API key',
  'api_key.revoke': 'Revoked an API key',
  'staff.create': 'Created a staff token',
  'staff.disable': 'Disabled a staff token',
  'integration.recheck': 'Rechecked an integration',
  'integration.disconnect': 'Disconnected an integration',
  'integration.reauthorize.start': 'Created a reauthorization link',
  'integration.connect.start': 'Started a connection',
  'widget_session.create': 'Created a widget session',
  'widget_session.revoke': 'Revoked a widget session',
  'webhook.register': 'Registered a webhook',
  'webhook.disable': 'Disabled a webhook',
};

function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/[._]/g, ' ');
}

function who(entry: AuditEntry): string {
  switch (entry.actorKind) {
    case 'STAFF':
      return `Staff: ${entry.actorName ?? entry.actorId ?? 'unknown'}`;
    case 'TENANT':
      return `Tenant API key ${entry.actorId?.slice(0, 8) ?? ''}`;
    case 'WIDGET':
      return `Widget on ${entry.actorName ?? 'unknown origin'}`;
    default:
      return entry.actorName ?? 'Relink';
  }
}

function details(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** Every recorded staff (and tenant) action, newest first: who, when, what, on which tenant and target. */
export class AuditLogView extends DataView<AuditData> {
  static override styles = [sharedStyles, css`.pager { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.75rem; } td.detail { font-size: 0.875rem; color: var(--admin-muted); }`];

  @state() private previous: Array<string | null> = [];

  protected dataKey(): string {
    return this.route.params.toString();
  }

  protected async fetchData(signal: AbortSignal): Promise<AuditData> {
    const after = this.route.params.get('after');
    if (!after) this.previous = [];
    const { auditLog } = await this.client.request(AUDIT_LOG, { first: PAGE_SIZE, after, tenantId: this.route.params.get('tenant') }, signal);
    const ids = [...new Set(auditLog.edges.map((e) => e.node.tenantId).filter((id): id is string => Boolean(id)))];
    const tenants = new Map<string, string>();
    if (ids.length) {
      // One request for every tenant name on the page (aliases), so the table shows names, not ids.
      const vars = Object.fromEntries(ids.map((id, i) => [`t${i}`, id]));
      const names = op<Record<string, TenantRef | null>, Record<string, string>>(
        `query AdminAuditTenants(${ids.map((_, i) => `$t${i}: ID!`).join(', ')}) { ${ids.map((_, i) => `t${i}: tenant(id: $t${i}) { id name }`).join(' ')} }`,
      );
      try {
        for (const tenant of Object.values(await this.client.request(names, vars, signal))) if (tenant) tenants.set(tenant.id, tenant.name);
      } catch {
        // Names are a nicety: the ids still show.
      }
    }
    return { page: auditLog, tenants };
  }

  override render() {
    const data = this.data;
    return html`
      <h1 tabindex="-1">Audit log</h1>
      <p class="lede">Every action taken with a staff token or a tenant key: who, when, what. Entries cannot be changed.</p>
      ${errorMessage(this.error, () => void this.refresh())}
      ${!data && this.loading ? html`<p class="muted" role="status">Loading the audit log…</p>` : nothing}
      ${data ? this.renderTable(data) : nothing}
    `;
  }

  private renderTable(data: AuditData) {
    if (data.page.totalCount === 0) return html`<p class="muted">Nothing recorded yet.</p>`;
    const after = this.route.params.get('after');
    return html`
      <p role="status">${formatCount(data.page.totalCount)} entries</p>
      <table>
        <caption class="visually-hidden">Audit log entries, newest first</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Tenant</th><th scope="col">Target</th><th scope="col">Details</th></tr></thead>
        <tbody>${data.page.edges.map(({ node }) => html`<tr data-action=${node.action}>
          <td>${formatDateTime(node.at)}</td>
          <td>${who(node)}</td>
          <td>${actionLabel(node.action)}</td>
          <td>${node.tenantId ? html`<a href=${routeHash('integrations', { tenant: node.tenantId })}>${data.tenants.get(node.tenantId) ?? node.tenantId}</a>` : '—'}</td>
          <td>${node.targetType === 'integration' && node.targetId
            ? html`<a href=${routeHash('integration', {}, node.targetId)}>integration</a>`
            : node.targetType ? `${node.targetType}` : '—'}</td>
          <td class="detail">${details(node.detail)}</td>
        </tr>`)}</tbody>
      </table>
      <nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" ?disabled=${!after} @click=${this.previousPage}>Newer entries</button>
        <button type="button" class="secondary" ?disabled=${!data.page.pageInfo.hasNextPage} @click=${this.nextPage}>Older entries</button>
      </nav>
    `;
  }

  private nextPage(): void {
    const cursor = this.data?.page.pageInfo.endCursor;
    if (!cursor) return;
    this.previous = [...this.previous, this.route.params.get('after')];
    this.navigate(routeHash('audit', withParams(this.route.params, { after: cursor }, true)));
  }

  private previousPage(): void {
    const previous = [...this.previous];
    const back = previous.pop() ?? null;
    this.navigate(routeHash('audit', withParams(this.route.params, { after: back }, true)));
    this.previous = previous;
  }
}
