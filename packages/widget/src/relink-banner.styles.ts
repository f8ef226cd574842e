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
    --relink-bg: #ffffff;
    --relink-fg: #1b1f24;
    --relink-muted-fg: #4b5563;
    --relink-border: #d0d7de;
    --relink-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
    --relink-danger: #c62828;
    --relink-warning: #946200;
    --relink-info: #0b57d0;
    --relink-success: #1a7f37;
    --relink-button-bg: #0b57d0;
    --relink-button-fg: #ffffff;
    --relink-button-hover-bg: #0842a0;
    --relink-button-radius: 0.375rem;
    --relink-focus-ring: #0b57d0;
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
      --relink-shadow: 0 1px 3px rgb(0 0 0 / 0.5);
      --relink-danger: #ff7b72;
      --relink-warning: #e3b341;
      --relink-info: #79b8ff;
      --relink-success: #56d364;
      --relink-button-bg: #79b8ff;
      --relink-button-fg: #0d1117;
      --relink-button-hover-bg: #a5d0ff;
      --relink-focus-ring: #79b8ff;
      --relink-badge-bg: #4c1d1d;
      --relink-badge-fg: #ffd8d3;
    }
  }

  :host([hidden]) {
    display: none;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .stack {
    display: grid;
    gap: var(--relink-gap);
  }

  .banner {
    --_tone: var(--relink-danger);
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: start;
    gap: 0.75rem;
    padding: var(--relink-padding);
    background: var(--relink-bg);
    color: var(--relink-fg);
    border: 1px solid var(--relink-border);
    border-inline-start: 0.25rem solid var(--_tone);
    border-radius: var(--relink-radius);
    box-shadow: var(--relink-shadow);
    text-align: start;
    animation: relink-enter 180ms ease-out;
  }
  .banner[data-tone='warning'] {
    --_tone: var(--relink-warning);
  }
  .banner[data-tone='info'] {
    --_tone: var(--relink-info);
  }
  .banner[data-tone='success'] {
    --_tone: var(--relink-success);
  }

  .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin-block-start: 0.0625rem;
    color: var(--_tone);
    fill: currentColor;
  }

  .content {
    display: grid;
    gap: 0.125rem;
    min-inline-size: 0;
  }
  .eyebrow,
  .meta {
    color: var(--relink-muted-fg);
  }
  .title {
    font-weight: 600;
  }
  .title,
  .body,
  .action,
  .eyebrow,
  .meta,
  .error {
    margin: 0;
  }
  .error {
    color: var(--relink-danger);
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    margin-inline-start: 0.375rem;
    padding-inline: 0.375rem;
    border-radius: 999px;
    background: var(--relink-badge-bg);
    color: var(--relink-badge-fg);
    font-size: 0.75em;
    font-weight: 600;
    vertical-align: 0.1em;
  }
  .accounts {
    margin: 0.125rem 0;
    padding-inline-start: 1.25rem;
  }

  .actions {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  .button,
  .dismiss {
    font: inherit;
    cursor: pointer;
  }
  .button {
    padding-block: 0.375rem;
    padding-inline: 0.875rem;
    border: 0;
    border-radius: var(--relink-button-radius);
    background: var(--relink-button-bg);
    color: var(--relink-button-fg);
    font-weight: 600;
    white-space: nowrap;
  }
  .button:hover {
    background: var(--relink-button-hover-bg);
  }
  .button[aria-busy='true'] {
    cursor: progress;
  }
  .dismiss {
    display: inline-grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0;
    border: 0;
    border-radius: var(--relink-button-radius);
    background: transparent;
    color: var(--relink-muted-fg);
  }
  .dismiss svg {
    inline-size: 1rem;
    block-size: 1rem;
    fill: currentColor;
  }
  .dismiss:hover {
    color: var(--relink-fg);
  }
  .button:focus-visible,
  .dismiss:focus-visible {
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
    align-items: baseline;
  }
  :host([layout='compact']) .body,
  :host([layout='compact']) .action,
  :host([layout='compact']) .accounts {
    display: none;
  }

  @keyframes relink-enter {
    from {
      opacity: 0;
      transform: translateY(-0.25rem);
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
    .button {
      border: 1px solid ButtonText;
    }
  }
`;
