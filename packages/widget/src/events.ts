import type { Provider } from './integration.js';
import type { RelinkErrorCode } from './relink-error.js';

/** `relink-refresh-start`: the user asked to refresh; consent opens in a popup or by redirect. */
export interface RelinkRefreshStartDetail {
  integrationIds: string[];
  provider: Provider;
  mode: 'popup' | 'redirect';
}

/** `relink-refreshed`: these integrations are tracking again. `via` tells how it happened. */
export interface RelinkRefreshedDetail {
  integrationIds: string[];
  via: 'popup' | 'redirect' | 'elsewhere';
}

/** `relink-dismiss`: the user hid a banner until `until` (ISO time) or until it changes. */
export interface RelinkDismissDetail {
  integrationIds: string[];
  until: string;
}

/** `relink-error`: something the host may act on, e.g. `SESSION_EXPIRED` → mint a new session token. */
export interface RelinkErrorDetail {
  code: RelinkErrorCode;
  message: string;
  integrationIds?: string[];
}

export type RelinkRefreshStartEvent = CustomEvent<RelinkRefreshStartDetail>;
export type RelinkRefreshedEvent = CustomEvent<RelinkRefreshedDetail>;
export type RelinkDismissEvent = CustomEvent<RelinkDismissDetail>;
export type RelinkErrorEvent = CustomEvent<RelinkErrorDetail>;

export interface RelinkEventMap {
  'relink-refresh-start': RelinkRefreshStartEvent;
  'relink-refreshed': RelinkRefreshedEvent;
  'relink-dismiss': RelinkDismissEvent;
  'relink-error': RelinkErrorEvent;
}

/** A widget event: bubbles and crosses shadow roots (`composed`), so any ancestor can listen. */
export function relinkEvent<K extends keyof RelinkEventMap>(type: K, detail: RelinkEventMap[K]['detail']): RelinkEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true }) as RelinkEventMap[K];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface GlobalEventHandlersEventMap extends RelinkEventMap {}
}
