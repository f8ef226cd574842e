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
  if (!api.trim()) {
    throw new RelinkError('CONFIGURATION', 'The api attribute is missing: set it to the Relink base URL, e.g. api="https://relink.example.com".');
  }
  if (!token.trim()) {
    throw new RelinkError('CONFIGURATION', 'The session-token attribute is missing: set it to a token from the createWidgetSession mutation.');
  }
  let base: URL;
  try {
    base = new URL(api.trim(), baseUrl);
  } catch {
    throw new RelinkError('CONFIGURATION', `The api attribute "${api}" is not a URL: use the Relink base URL, e.g. https://relink.example.com.`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new RelinkError('CONFIGURATION', `The api attribute "${api}" must be an http(s) URL.`);
  }
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const http = new URL('graphql', base);
  const ws = new URL(http);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  return { origin: base.origin, httpUrl: http.href, wsUrl: ws.href, token: token.trim() };
}
