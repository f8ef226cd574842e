import { html, type TemplateResult } from 'lit';

export type IconName = 'alert' | 'clock' | 'info' | 'check' | 'close';

const CIRCLE = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Z';
const PATHS: Record<IconName, string> = {
  alert: 'M12 2 1 21h22L12 2Zm1 15h-2v-2h2v2Zm0-4h-2V9h2v4Z',
  clock: `${CIRCLE}m1 11h-5v-2h3V6h2v7Z`,
  info: `${CIRCLE}m1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z`,
  check: `${CIRCLE}m-1.5 14.5-4.2-4.2 1.4-1.4 2.8 2.8 5.8-5.8 1.4 1.4-7.2 7.2Z`,
  close: 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4l5.6 5.6L5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6Z',
};

/** A decorative 24×24 icon (hidden from assistive technology). */
export function icon(name: IconName): TemplateResult {
  return html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${PATHS[name]} /></svg>`;
}
