import { css, html, nothing, svg } from 'lit';
import { BLAST_RADIUS } from '../api/operations.js';
import type { IdentityExposure } from '../api/types.js';
import { errorMessage, providerName } from '../components/templates.js';
import { formatCount } from '../format/format.js';
import { theirIntegrationsHash } from '../routing/route.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { DataView } from './DataView.js';

const ADVICE =
  'Connect each client with its own ad account access — a system user or an account owned by the client — rather than one agency person\'s login. Then one password change or one departure breaks one client, not all of them.';

/**
 * Which people's provider logins hold up the most integrations and tenants. One person connected for
 * many tenants (the agency pattern) is highlighted with the advice to give each client its own access.
 */
export class BlastRadiusView extends DataView<IdentityExposure[]> {
  static override styles = [
    sharedStyles,
    css`
      tr.agency { background: #fff8e5; }
      tr.selected { outline: 3px solid var(--admin-accent); outline-offset: -3px; }
      .pattern { font-weight: 700; color: #6b4500; }
      .bar { width: 10rem; height: 0.9rem; vertical-align: middle; margin-right: 0.5rem; }
      .advice { border-left: 4px solid #9a6700; }
      td small, th small { display: block; color: var(--admin-muted); font-weight: 400; }
    `,
  ];

  protected dataKey(): string {
    return 'blast-radius';
  }

  protected async fetchData(signal: AbortSignal): Promise<IdentityExposure[]> {
    const { blastRadius } = await this.client.request(BLAST_RADIUS, {}, signal);
    return [...blastRadius].sort((a, b) => b.tenantCount - a.tenantCount || b.integrationCount - a.integrationCount || a.identity.name.localeCompare(b.identity.name));
  }

  override render() {
    const rows = this.data ?? [];
    const agencies = rows.filter((r) => r.agencyPattern);
    const max = Math.max(1, ...rows.map((r) => r.integrationCount));
    const selected = this.route.params.get('identity');
    return html`
      <h1 tabindex="-1">Blast radius</h1>
      <p class="lede">Whose provider login holds up how much. When that person changes their password or leaves, everything they authorized stops tracking at once. Open a count to see those integrations.</p>
      ${errorMessage(this.error, () => void this.refresh())}
      ${!this.data && this.loading ? html`<p class="muted" role="status">Loading identities…</p>` : nothing}
      ${agencies.length
        ? html`<div class="card advice" role="note">
            <h2>${agencies.length === 1 ? 'One person is' : `${agencies.length} people are`} connected for several tenants (the agency pattern)</h2>
            <p>${agencies.map((a) => `${a.identity.name} (${a.tenantCount} tenants, ${a.integrationCount} integrations)`).join('; ')}.</p>
            <p><strong>Advice for these customers:</strong> ${ADVICE}</p>
          </div>`
        : this.data
          ? html`<p class="ok">No one is connected for several tenants.</p>`
          : nothing}
      ${rows.length
        ? html`<table>
            <caption>People ranked by how many tenants and integrations depend on them</caption>
            <thead><tr><th scope="col">Person</th><th scope="col">Provider</th><th scope="col">Integrations</th><th scope="col" class="num">Tenants</th><th scope="col">Pattern</th></tr></thead>
            <tbody>
              ${rows.map((r) => html`<tr class="${r.agencyPattern ? 'agency' : ''} ${selected === r.identity.id ? 'selected' : ''}" data-agency=${r.agencyPattern ? 'true' : 'false'}>
                <th scope="row">${r.identity.name}<small class="mono">${r.identity.externalUserId}</small></th>
                <td>${providerName(r.identity.provider)}</td>
                <td><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                    ${svg`<rect width="100" height="10" fill="#eaeef2"></rect><rect width=${(r.integrationCount / max) * 100} height="10" fill=${r.agencyPattern ? '#9a6700' : '#0b5cad'}></rect>`}
                  </svg><a href=${theirIntegrationsHash(r.identity.id)}>${formatCount(r.integrationCount)}<span class="visually-hidden"> integrations authorized by ${r.identity.name}</span></a></td>
                <td class="num">${formatCount(r.tenantCount)}</td>
                <td>${r.agencyPattern ? html`<span class="pattern">Agency pattern</span><small>Give each client its own access.</small>` : html`<span class="muted">—</span>`}</td>
              </tr>`)}
            </tbody>
          </table>`
        : this.data
          ? html`<p class="muted">No integrations have a known authorizing person yet.</p>`
          : nothing}
    `;
  }
}
