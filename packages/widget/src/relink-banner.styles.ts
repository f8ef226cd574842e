import { css } from 'lit';

/**
 * Styles for `<relink-banner>`. Every colour, size and font is a `--relink-*` custom property with
 * a default on `:host` (light and dark); hosts override them on the element or style `::part()`s.
 * Logical properties only (RTL-safe); no inline styles (strict CSP: style-src 'self').
 */
export const relinkBannerStyles = css`
  :host {
    --relink-font-family: inherit;
    --relink-font-size: 0.875rem;
    --relink-line-height: 1.45;
    --relink-gap: 0.5rem;
    --relink-padding: 0.75rem 1rem;
    --relink-radius: 0.5rem;
    --relink-bg: #fff;
    --relink-fg: #1b1f24;
    --relink-muted-fg: #4b5563;
    --relink-border: #d0d7de;
    --relink-shadow: 0 1px 3px #0002;
    --relink-danger: #c62828;
    --relink-warning: #946200;
    --relink-info: #0b57d0;
    --relink-success: #1a7f37;
    --relink-button-bg: var(--relink-info);
    --relink-button-fg: #fff;
    --relink-button-hover-bg: #0842a0;
    --relink-button-radius: 0.375rem;
    --relink-focus-ring: var(--relink-info);
    --relink-badge-bg: #fde8e8;
    --relink-badge-fg: #9b1c1c;
    display: block;
    font-family: var(--relink-font-family);
    font-size: var(--relink-font-size);
    line-height: var(--relink-line-height);
    color: var(--relink-fg);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --relink-bg: #1c2128;
      --relink-fg: #e6edf3;
      --relink-muted-fg: #a8b3bf;
      --relink-border: #3d444d;
      --relink-shadow: 0 1px 3px #0008;
      --relink-danger: #ff7b72;
      --relink-warning: #e3b341;
      --relink-info: #79b8ff;
      --relink-success: #56d364;
      --relink-button-fg: #0d1117;
      --relink-button-hover-bg: #a5d0ff;
      --relink-badge-bg: #4c1d1d;
      --relink-badge-fg: #ffd8d3;
    }
  }

  :host([hidden]) {
    display: none;
  }

  .sr-only {
    position: absolute;
    overflow: hidden;
    clip-path: inset(50%);
    inline-size: 1px;
    block-size: 1px;
    white-space: nowrap;
  }

  .stack,
  .content {
    display: grid;
    gap: var(--relink-gap);
  }

  .banner {
    --t: var(--relink-danger);
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    gap: 0.75rem;
    padding: var(--relink-padding);
    background: var(--relink-bg);
    border: 1px solid var(--relink-border);
    border-inline-start: 0.25rem solid var(--t);
    border-radius: var(--relink-radius);
    box-shadow: var(--relink-shadow);
    animation: relink-enter 0.18s ease-out;
  }
  [data-kind='expiring'] {
    --t: var(--relink-warning);
  }
  [data-kind='checking'] {
    --t: var(--relink-info);
  }
  [data-kind='success'] {
    --t: var(--relink-success);
  }

  svg {
    inline-size: 1.25rem;
    fill: var(--t);
  }

  .content {
    gap: 0.125rem;
  }
  p {
    margin: 0;
  }
  [part='eyebrow'],
  [part='untracked'] {
    color: var(--relink-muted-fg);
  }
  .title,
  .error {
    font-weight: 600;
  }
  .error {
    color: var(--relink-danger);
  }
  .badge {
    margin-inline-start: 0.375rem;
    padding-inline: 0.375rem;
    border-radius: 1rem;
    background: var(--relink-badge-bg);
    color: var(--relink-badge-fg);
    font-size: 0.75em;
  }
  ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }

  .actions {
    display: flex;
    align-items: start;
    gap: 0.25rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border: 0;
    border-radius: var(--relink-button-radius);
    padding: 0.375rem;
    background: none;
    color: var(--relink-muted-fg);
  }
  [part='dismiss']:hover {
    color: var(--relink-fg);
  }
  [part='button'] {
    padding-inline: 0.875rem;
    background: var(--relink-button-bg);
    color: var(--relink-button-fg);
    font-weight: 600;
    white-space: nowrap;
  }
  [part='button']:hover {
    background: var(--relink-button-hover-bg);
  }
  [part='dismiss'] svg {
    inline-size: 1.125rem;
    fill: currentColor;
  }
  button:focus-visible {
    outline: 0.1875rem solid var(--relink-focus-ring);
    outline-offset: 0.125rem;
  }

  :host([layout='compact']) .banner {
    align-items: center;
    padding-block: 0.5rem;
  }
  :host([layout='compact']) .content {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.5rem;
  }
  :host([layout='compact']) :is([part='body'], [part='action'], ul) {
    display: none;
  }

  @keyframes relink-enter {
    from {
      opacity: 0;
      translate: 0 -0.25rem;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .banner {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    .banner {
      border-inline-start-color: CanvasText;
    }
    button {
      border: 1px solid;
    }
  }
`;
