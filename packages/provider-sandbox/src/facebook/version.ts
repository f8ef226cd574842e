import { FACEBOOK_DEFAULT_VERSION } from '../context.js';

const VERSION = /^\/(v\d+\.\d+)(?=\/|$)/;

/** `/v19.0/me` → `{ version: 'v19.0', path: '/me' }`; without a prefix the version is undefined. */
export function splitVersion(path: string): { path: string; version?: string } {
  const normalized = path.startsWith('/') ? path : `/${path}`;
  const match = VERSION.exec(normalized);
  if (!match) return { path: normalized };
  return { path: normalized.slice(match[0].length) || '/', version: match[1] };
}

export function versionOr(version: string | undefined): string {
  return version ?? FACEBOOK_DEFAULT_VERSION;
}
