import { RelinkError } from './relink-error.js';

/** Where and how the widget talks to Relink, derived from the `api` and `session-token` attributes. */
export interface ApiEndpoint {
  /** `https://relink.example.com` — the only origin whose postMessages are trusted. */
  origin: string;
  /** `https://relink.example.com/graphql` (HTTP). */
  httpUrl: string;
  /** `wss://relink.example.com/graphql` (graphql-ws). */
  wsUrl: string;
  /** The widget session token, sent as `Authorization: Bearer …`. */
  token: string;
}

/**
 * Builds the endpoint from the attributes; `api` may carry a path prefix (`https://x/relink`)
 * and may be relative to the page. Throws a `CONFIGURATION` RelinkError naming what is wrong.
 */
export function apiEndpoint(api: string, token: string, baseUrl: string): ApiEndpoint {
  token = token.trim();
  let base: URL | null = null;
  try {
    base = new URL(api.trim() || 'x:', baseUrl);
  } catch {
    // reported below
  }
  if (!/^https?:$/.test(base?.protocol ?? '') || !base) {
    throw new RelinkError('CONFIGURATION', `api="${api}" is not an http(s) URL: set it to the Relink base URL.`);
  }
  if (!token) throw new RelinkError('CONFIGURATION', 'session-token is missing: set it to a token from createWidgetSession.');
  const httpUrl = new URL(`${base.pathname.replace(/\/?$/, '/')}graphql`, base).href;
  return { origin: base.origin, httpUrl, wsUrl: httpUrl.replace(/^http/, 'ws'), token };
}
