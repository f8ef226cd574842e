import type { InvalidationCause } from '../invalidation-cause.js';
import { isInvalidationCause } from '../invalidation-cause.js';
import type { CauseCatalogue } from './cause-copy.js';
import { de } from './de.js';
import { en } from './en.js';

/** Everything a person needs to know about one invalidation cause, in one language. */
export interface CauseInfo {
  code: InvalidationCause;
  title: string;
  explanation: string;
  action: string;
  prevention: string;
  /** True when the cause may mean someone else got at the account: worth a second look, not just a click. */
  securityRelated: boolean;
}

export type CauseLocale = 'en' | 'de';

/** One catalogue per locale, keyed by cause code. Adding a language = one file + one entry here. */
const CATALOGUES: Readonly<Record<CauseLocale, CauseCatalogue>> = { en, de };

export const CAUSE_LOCALES: readonly CauseLocale[] = Object.freeze(Object.keys(CATALOGUES) as CauseLocale[]);

/** Language-independent: whether a cause hints at someone else acting on the account. */
const SECURITY_RELATED: Readonly<Record<InvalidationCause, boolean>> = {
  TOKEN_EXPIRED: false,
  DATA_ACCESS_EXPIRED: false,
  PASSWORD_CHANGED: true,
  PERMISSIONS_CHANGED: false,
  APP_DEAUTHORIZED: false,
  SECURITY_CHECKPOINT: true,
  SESSION_INVALIDATED: true,
  ACCOUNT_DISABLED: true,
  ADMIN_POLICY: false,
  ACCESS_REVOKED: false,
  REFRESH_TOKEN_UNUSED: false,
  TESTING_APP_EXPIRY: false,
  TOKEN_LIMIT_EXCEEDED: false,
  UNKNOWN: false,
};

/**
 * Picks the catalogue for a BCP 47 tag by its language part (`de-AT` → `de`), case-insensitively;
 * anything unknown, empty or missing falls back to English.
 */
export function resolveCauseLocale(locale?: string): CauseLocale {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (CAUSE_LOCALES as readonly string[]).includes(language) ? (language as CauseLocale) : 'en';
}

/** The copy for `code` in `locale` (default and fallback: English). Throws on a code that is not a cause. */
export function causeInfo(code: InvalidationCause, locale?: string): CauseInfo {
  if (!isInvalidationCause(code)) {
    throw new TypeError(`causeInfo: "${String(code)}" is not an InvalidationCause`);
  }
  const copy = CATALOGUES[resolveCauseLocale(locale)][code];
  return { code, ...copy, securityRelated: SECURITY_RELATED[code] };
}
