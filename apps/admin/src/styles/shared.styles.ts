import { css } from 'lit';

/**
 * Styles every view shares: type, tables, controls, badges, messages. Colours are chosen for WCAG AA
 * (text ≥ 4.5:1, controls and chart marks ≥ 3:1 against their background).
 */
export const sharedStyles = css`
  :host {
    --admin-text: #1f2328;
    --admin-muted: #57606a;
    --admin-border: #d0d7de;
    --admin-surface: #ffffff;
    --admin-subtle: #f6f8fa;
    --admin-accent: #0b5cad;
    --admin-accent-hover: #084a8c;
    --admin-danger: #b42318;
    --admin-focus: #0b5cad;
    display: block;
    color: var(--admin-text);
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  }
  h1 { font-size: 1.5rem; margin: 0 0 0.25rem; line-height: 1.25; }
  h2 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
  p { margin: 0.25rem 0 0.75rem; }
  a { color: var(--admin-accent); }
  a:hover { color: var(--admin-accent-hover); }
  :focus-visible { outline: 3px solid var(--admin-focus); outline-offset: 2px; border-radius: 2px; }
  .lede { color: var(--admin-muted); margin-bottom: 1rem; }
  .muted { color: var(--admin-muted); }
  .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875em; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .card { background: var(--admin-surface); border: 1px solid var(--admin-border); border-radius: 8px; padding: 1rem 1.25rem; }
  .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); }
  table { border-collapse: collapse; width: 100%; background: var(--admin-surface); }
  caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
  th, td { text-align: left; padding: 0.5rem 0.625rem; border-bottom: 1px solid var(--admin-border); vertical-align: top; }
  th { font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.02em; color: var(--admin-muted); background: var(--admin-subtle); }
  tbody th { font-size: inherit; text-transform: none; letter-spacing: normal; color: inherit; background: transparent; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  button, .button {
    font: inherit; font-weight: 600; cursor: pointer; border-radius: 6px; padding: 0.4rem 0.9rem;
    border: 1px solid var(--admin-accent); background: var(--admin-accent); color: #fff; text-decoration: none; display: inline-block;
  }
  button:hover:not([disabled]) { background: var(--admin-accent-hover); }
  button.secondary { background: var(--admin-surface); color: var(--admin-accent); }
  button.secondary:hover:not([disabled]) { background: #eef4fb; }
  button.danger { background: var(--admin-danger); border-color: var(--admin-danger); }
  button.danger:hover:not([disabled]) { background: #8f1b12; }
  button[disabled] { cursor: not-allowed; opacity: 0.65; }
  button.link { background: none; border: none; color: var(--admin-accent); padding: 0; text-decoration: underline; font-weight: 400; }
  input, select {
    font: inherit; color: var(--admin-text); background: var(--admin-surface);
    border: 1px solid #8c959f; border-radius: 6px; padding: 0.35rem 0.5rem;
  }
  label { font-weight: 600; font-size: 0.875rem; display: block; margin-bottom: 0.2rem; }
  .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.8125rem; font-weight: 600; white-space: nowrap; }
  .status-HEALTHY { color: #0f5323; background: #dcf5e3; }
  .status-EXPIRING_SOON { color: #6b4500; background: #fff1c2; }
  .status-EXPIRED { color: #8a2e00; background: #ffe4d1; }
  .status-REVOKED { color: #8c1019; background: #ffe0e0; }
  .status-UNREACHABLE { color: #4c2a8f; background: #ece4ff; }
  .status-DISCONNECTED { color: #3d444d; background: #eaeef2; }
  .error { border: 1px solid #e5a29b; background: #fff1f0; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  .error strong { color: #8c1019; }
  .notice { border: 1px solid #9ec5ee; background: #eef6ff; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  .ok { border: 1px solid #8fd19e; background: #effaf1; border-radius: 8px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin: 0.75rem 0; }
  .stat { font-size: 1.75rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; }
  dl.facts dt { color: var(--admin-muted); }
  dl.facts dd { margin: 0; }
`;
