import type { SandboxUser } from '../store.js';
import { escapeHtml } from './http.js';

export interface ConsentPageInput {
  providerLabel: string;
  appLabel: string;
  scopes: string[];
  users: SandboxUser[];
  /** Where the form posts (the dialog's own path). */
  action: string;
  /** The dialog's parameters, carried through the form. */
  hidden: Record<string, string>;
  notice?: string;
}

/** The sandbox's consent screen: pick a sandbox user (or name a new one), then Allow or Cancel. */
export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const users = input.users
    .map(
      (user, index) =>
        `<li><label><input type="radio" name="user_id" value="${escapeHtml(user.userId)}"${index === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(user.name)} <small>${escapeHtml(user.email)}</small></label></li>`,
    )
    .join('\n');
  const scopes = input.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(input.providerLabel)} sandbox — sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>${escapeHtml(input.providerLabel)} (sandbox)</h1>
<p><strong>${escapeHtml(input.appLabel)}</strong> wants to access your account.</p>
${input.notice ? `<p role="status">${escapeHtml(input.notice)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
<fieldset><legend>Continue as</legend>
<ul>${users || '<li>No sandbox users yet: name one below.</li>'}</ul>
<label>Or a new user named <input type="text" name="new_user_name" autocomplete="off"></label>
</fieldset>
<p>It will be able to:</p>
<ul>${scopes || '<li>see your public profile</li>'}</ul>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>
</main>
</body>
</html>`;
}

export function errorPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;
}
