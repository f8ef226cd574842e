import { causeInfo, type InvalidationCause } from '@relink/core';
import type { DemoPerson } from './demoTenant.js';

/**
 * Only same-origin script, style and connections (HTTP and the graphql-ws socket): the widget
 * bundle, demo.js and demo.css are files of this origin; nothing inline.
 */
export function demoCsp(publicUrl: string): string {
  const ws = publicUrl.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const PROVIDER_NAMES = { FACEBOOK: 'Facebook Ads', GOOGLE: 'Google Ads' } as const;

function personPanel(person: DemoPerson): string {
  const buttons = person.causes
    .map(({ cause, pushed }) => {
      const title = causeInfo(cause as InvalidationCause).title;
      return `<li><button type="button" class="invalidate" data-user-id="${escapeHtml(person.userId)}" data-cause="${cause}">${escapeHtml(title)}</button>
        <span class="how ${pushed ? 'pushed' : 'checked'}">${pushed ? 'pushed to Relink at once' : 'found by the next check'}</span> <code>${cause}</code></li>`;
    })
    .join('\n      ');
  return `<section class="person" aria-labelledby="person-${person.provider}">
    <h3 id="person-${person.provider}">${PROVIDER_NAMES[person.provider]} · ${escapeHtml(person.name)}</h3>
    <p class="muted">Sandbox user <code>${escapeHtml(person.userId)}</code> (${escapeHtml(person.email)}), ad accounts: ${person.accounts.map(escapeHtml).join(', ')}.</p>
    <ul class="causes">
      ${buttons}
    </ul>
  </section>`;
}

/**
 * The demo host page: a pretend host app with `<relink-banner>` for the demo tenant, and next to
 * it the sandbox's invalidate buttons (every cause of each provider) and a recheck button.
 */
export function renderDemoPage(input: { publicUrl: string; sessionToken: string; expiresAt: Date; people: DemoPerson[] }): string {
  const { publicUrl, sessionToken, expiresAt, people } = input;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relink demo · a host app with the widget</title>
<link rel="stylesheet" href="/demo/demo.css">
<script type="module" src="/widget/relink-banner.js"></script>
<script type="module" src="/demo/demo.js"></script>
</head>
<body>
<header>
  <p class="brand">Acme Ads Dashboard <span class="muted">— a demo host page for the Demo tenant</span></p>
</header>
<main>
  <section class="host" aria-labelledby="host-title">
    <h1 id="host-title">Campaign performance</h1>
    <relink-banner id="banner" api="${escapeHtml(publicUrl)}" session-token="${escapeHtml(sessionToken)}"></relink-banner>
    <p class="muted">The banner above is <code>&lt;relink-banner&gt;</code> with a widget session for this page's origin (valid until
      <time datetime="${expiresAt.toISOString()}">${expiresAt.toISOString().slice(11, 16)} UTC</time>; a fresh one is fetched when it expires).
      It shows nothing while every integration is healthy.</p>
  </section>

  <section class="sandbox" aria-labelledby="sandbox-title">
    <h2 id="sandbox-title">Sandbox: break a token on the provider's side</h2>
    <p>Each button is the provider-side event for that cause. Where the provider pushes a notice (Facebook's deauthorize
      callback, Google's RISC events) the banner appears within a second; the others are found by the next check —
      press <em>Recheck now</em>. Then use the banner's <em>Refresh token</em>.</p>
    ${people.map(personPanel).join('\n    ')}
    <p class="actions"><button type="button" id="recheck">Recheck now</button> <output id="status" role="status"></output></p>
  </section>

  <section class="log" aria-labelledby="log-title">
    <h2 id="log-title">Widget events</h2>
    <ol id="events" class="muted"></ol>
  </section>
</main>
</body>
</html>
`;
}
