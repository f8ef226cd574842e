import { badInput } from '../graphql/errors.js';

/**
 * Reads a web origin (`scheme://host[:port]`, http or https, nothing after it but an optional `/`)
 * and returns it as browsers send it in the `Origin` header (lower-case host, default port dropped).
 */
export function parseOrigin(value: string, field = 'allowedOrigin'): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput(`${field} must be an origin like "https://app.example.com", got "${value}".`, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput(`${field} must start with https:// (or http:// for local development), got "${value}".`, field);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw badInput(`${field} must be an origin only (scheme, host and port, no path, query or credentials): use "${url.origin}".`, field);
  }
  return url.origin;
}

/** Reads an absolute http(s) URL a browser will be sent to; returns it normalised. */
export function parseHttpUrl(value: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput(`${field} must be an absolute http(s) URL, got "${value}".`, field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw badInput(`${field} must start with https:// or http://, got "${value}".`, field);
  }
  if (url.username || url.password) throw badInput(`${field} must not contain a user name or password.`, field);
  return url;
}
