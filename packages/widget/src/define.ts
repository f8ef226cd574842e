import { RelinkBanner } from './relink-banner.component.js';

/**
 * Registers `<relink-banner>` (the entry of the one-file bundle `dist/relink-banner.js`).
 * Loading the bundle twice, or next to another copy, keeps the first definition.
 */
if (!customElements.get('relink-banner')) customElements.define('relink-banner', RelinkBanner);

declare global {
  interface HTMLElementTagNameMap {
    'relink-banner': RelinkBanner;
  }
}
