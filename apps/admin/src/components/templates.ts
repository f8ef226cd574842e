import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../api/ApiError.js';
import type { IntegrationStatus, Provider } from '../api/types.js';
import { PROVIDER_LABELS, STATUS_LABELS } from '../format/labels.js';

export function statusBadge(status: IntegrationStatus): TemplateResult {
  return html`<span class="badge status-${status}">${STATUS_LABELS[status]}</span>`;
}

export function providerName(provider: Provider): string {
  return PROVIDER_LABELS[provider];
}

/** An API failure as a message a person can act on: what happened, then what to do. */
export function errorMessage(error: ApiError | null, retry?: () => void): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div class="error" role="alert">
    <p><strong>${error.message}</strong></p>
    <p>${error.advice}</p>
    ${retry ? html`<button type="button" class="secondary" @click=${retry}>Try again</button>` : nothing}
  </div>`;
}

export function loadingLine(loading: boolean, what: string): TemplateResult | typeof nothing {
  return loading ? html`<p class="muted" role="status">Loading ${what}…</p>` : nothing;
}
