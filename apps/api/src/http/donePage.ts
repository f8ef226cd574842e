import type { Request, Response, Router } from 'express';
import express from 'express';

/** The message the done page posts to its opener; the widget relies on exactly this shape. */
export interface OAuthCompleteMessage {
  source: 'relink';
  type: 'oauth-complete';
  ok: boolean;
  error?: string;
  integrationIds?: string[];
}

export interface DonePageInput {
  ok: boolean;
  /** Short heading, e.g. "Facebook is connected". */
  title: string;
  /** What happened, in plain words. */
  message: string;
  /** What to do next (failures). */
  action?: string;
  /** Machine-readable failure code, posted to the opener as `error`. */
  error?: string;
  integrationIds?: string[];
  /** Where the opener lives; without it the page posts nothing and just says what happened. */
  openerOrigin?: string | null;
  /** A link back to the host app. */
  returnTo?: string | null;
}

/** Served at /auth/done.js: reads the page's JSON block, tells the opener, closes the popup. */
export const DONE_SCRIPT = `(() => {
  const block = document.getElementById('relink-result');
  if (!block) return;
  let data;
  try { data = JSON.parse(block.textContent || '{}'); } catch { return; }
  const opener = window.opener;
  if (!opener || typeof data.openerOrigin !== 'string' || !data.message) return;
  opener.postMessage(data.message, data.openerOrigin);
  setTimeout(() => window.close(), data.message.ok ? 300 : 4000);
})();
`;

const DONE_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem;color:#1c1e21;background:#f5f6f7}
main{max-width:32rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.3rem;margin:0 0 .75rem}.ok h1{color:#1e7d32}.fail h1{color:#b3261e}p{margin:.5rem 0}code{font-size:.85em}
`;

/** Security headers for the done page: only same-origin script and style, nothing inline. */
export const DONE_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function doneMessage(input: Pick<DonePageInput, 'ok' | 'error' | 'integrationIds'>): OAuthCompleteMessage {
  return {
    source: 'relink',
    type: 'oauth-complete',
    ok: input.ok,
    ...(input.error ? { error: input.error } : {}),
    ...(input.integrationIds ? { integrationIds: input.integrationIds } : {}),
  };
}

/** The small page that ends a popup flow: says what happened and posts the result to the opener. */
export function renderDonePage(input: DonePageInput): string {
  const data = input.openerOrigin ? { openerOrigin: input.openerOrigin, message: doneMessage(input) } : {};
  const back = input.returnTo ? `<p><a href="${escapeHtml(input.returnTo)}">Back to the app</a></p>` : '';
  const close = input.openerOrigin ? '<p>You can close this window.</p>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · Relink</title>
<link rel="stylesheet" href="/auth/done.css">
<script type="application/json" id="relink-result">${jsonForScriptBlock(data)}</script>
<script src="/auth/done.js" defer></script>
</head>
<body class="${input.ok ? 'ok' : 'fail'}">
<main role="${input.ok ? 'status' : 'alert'}">
<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.message)}</p>
${input.action ? `<p><strong>What to do:</strong> ${escapeHtml(input.action)}</p>` : ''}
${input.error ? `<p>Reference: <code>${escapeHtml(input.error)}</code></p>` : ''}
${back}${close}
</main>
</body>
</html>
`;
}

/** Sends the done page (or, for a client that asked for JSON, the same facts as JSON). */
export function sendDonePage(req: Request, res: Response, status: number, input: DonePageInput): void {
  res.status(status).set('cache-control', 'no-store');
  if (req.accepts(['html', 'json']) === 'json') {
    res.json({
      ok: input.ok,
      ...(input.error ? { error: input.error } : {}),
      title: input.title,
      message: input.message,
      ...(input.action ? { action: input.action } : {}),
      ...(input.integrationIds ? { integrationIds: input.integrationIds } : {}),
    });
    return;
  }
  res.set('content-security-policy', DONE_PAGE_CSP).set('x-content-type-options', 'nosniff').set('referrer-policy', 'no-referrer');
  res.type('html').send(renderDonePage(input));
}

/** `/auth/done.js` and `/auth/done.css`: the done page's only script and style, same origin. */
export function donePageAssets(): Router {
  const router = express.Router();
  router.get('/auth/done.js', (_req, res) => {
    res.type('application/javascript').set('cache-control', 'public, max-age=300').set('x-content-type-options', 'nosniff').send(DONE_SCRIPT);
  });
  router.get('/auth/done.css', (_req, res) => {
    res.type('text/css').set('cache-control', 'public, max-age=300').set('x-content-type-options', 'nosniff').send(DONE_CSS);
  });
  return router;
}
