import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { css } from 'lit';

/** Checks a token; resolves to null when it is a working staff token, else to what the person should do. */
export type TokenVerifier = (token: string) => Promise<string | null>;

/**
 * The sign-in page: one field for the staff token. The page's filters stay in the URL, so signing in
 * after an expired session lands back where the person was.
 *
 * @fires admin-signed-in - detail `{ token }` once the token proved to be a staff token.
 */
export class SignInView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host { max-width: 32rem; margin: 3rem auto; }
      form { display: grid; gap: 0.75rem; }
      input { width: 100%; box-sizing: border-box; }
    `,
  ];

  /** Verifies a token against the API (set by admin-app). */
  @property({ attribute: false }) verify!: TokenVerifier;
  /** Why the person is here again, e.g. an expired session. */
  @property() notice = '';

  @state() private problem = '';
  @state() private busy = false;
  @query('#token') private input!: HTMLInputElement;

  focusHeading(): void {
    this.input?.focus();
  }

  override render() {
    return html`<div class="card">
      <h1>Sign in to Relink support</h1>
      <p class="lede">Paste your staff token. It stays in this browser tab only and is forgotten when you close it.</p>
      ${this.notice ? html`<div class="notice" role="status">${this.notice}</div>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div>
          <label for="token">Staff token</label>
          <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required
            aria-describedby="token-help ${this.problem ? 'token-problem' : ''}" aria-invalid=${this.problem ? 'true' : 'false'} />
          <p id="token-help" class="muted">In development, <span class="mono">pnpm start</span> prints it as RELINK_ADMIN_TOKEN.</p>
        </div>
        ${this.problem ? html`<div id="token-problem" class="error" role="alert"><strong>${this.problem}</strong></div>` : nothing}
        <div><button type="submit" ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Sign in'}</button></div>
      </form>
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const token = this.input.value.trim();
    if (!token) {
      this.problem = 'Enter your staff token first.';
      this.input.focus();
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      const problem = await this.verify(token);
      if (problem) {
        this.problem = problem;
        this.input.focus();
        return;
      }
      this.input.value = '';
      this.dispatchEvent(new CustomEvent('admin-signed-in', { detail: { token }, bubbles: true, composed: true }));
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'admin-signed-in': CustomEvent<{ token: string }>;
  }
}
