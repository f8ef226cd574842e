import type { ResettableClock } from './clock.js';
import type { FaultQueue } from './faults.js';
import type { IdSource } from './ids.js';
import type { Minter } from './mint.js';
import type { SandboxOptions } from './options.js';
import type { RiscKeys } from './google/riscKeys.js';
import type { SandboxStore } from './store.js';

/** Everything the routers and services share. */
export interface SandboxContext {
  /** Without a trailing slash. */
  publicUrl: string;
  facebook?: NonNullable<SandboxOptions['facebook']>;
  google?: NonNullable<SandboxOptions['google']>;
  store: SandboxStore;
  clock: ResettableClock;
  ids: IdSource;
  mint: Minter;
  faults: FaultQueue;
  keys: RiscKeys;
  fetch: typeof fetch;
  faultTimeoutMs: number;
  noticeTimeoutMs: number;
}

/** `iss` of security event tokens (like Google's `https://accounts.google.com/`, with the slash). */
export function riscIssuer(publicUrl: string): string {
  return `${publicUrl}/google/`;
}

/** `iss` of id_tokens (like Google's `https://accounts.google.com`, without the slash). */
export function idTokenIssuer(publicUrl: string): string {
  return `${publicUrl}/google`;
}

export const FACEBOOK_APP_NAME = 'Relink Sandbox App';
export const FACEBOOK_DEFAULT_VERSION = 'v19.0';
export const GOOGLE_ADS_VERSION = 'v17';
