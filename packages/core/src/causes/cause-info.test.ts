import { describe, expect, it } from 'vitest';
import { INVALIDATION_CAUSES, type InvalidationCause } from '../invalidation-cause.js';
import { CAUSE_LOCALES, causeInfo, resolveCauseLocale } from './cause-info.js';

describe('causeInfo', () => {
  it.each(INVALIDATION_CAUSES.flatMap((code) => CAUSE_LOCALES.map((locale) => [code, locale] as const)))(
    '%s in %s has complete, non-empty copy',
    (code, locale) => {
      const info = causeInfo(code, locale);
      expect(info.code).toBe(code);
      for (const field of ['title', 'explanation', 'action', 'prevention'] as const) {
        expect(info[field].trim().length, field).toBeGreaterThan(10);
      }
      expect(typeof info.securityRelated).toBe('boolean');
    },
  );

  it('German differs from English for every cause (really translated)', () => {
    for (const code of INVALIDATION_CAUSES) {
      const en = causeInfo(code, 'en');
      const de = causeInfo(code, 'de');
      expect(de.title).not.toBe(en.title);
      expect(de.explanation).not.toBe(en.explanation);
      expect(de.securityRelated).toBe(en.securityRelated);
    }
  });

  it('defaults to English and falls back to it for unknown locales', () => {
    expect(causeInfo('TOKEN_EXPIRED')).toEqual(causeInfo('TOKEN_EXPIRED', 'en'));
    expect(causeInfo('TOKEN_EXPIRED', 'fr')).toEqual(causeInfo('TOKEN_EXPIRED', 'en'));
    expect(causeInfo('TOKEN_EXPIRED', '')).toEqual(causeInfo('TOKEN_EXPIRED', 'en'));
    expect(causeInfo('TOKEN_EXPIRED', 'de-AT')).toEqual(causeInfo('TOKEN_EXPIRED', 'de'));
    expect(causeInfo('TOKEN_EXPIRED', 'DE_de')).toEqual(causeInfo('TOKEN_EXPIRED', 'de'));
  });

  it('resolves locales by language subtag', () => {
    expect(resolveCauseLocale('en-GB')).toBe('en');
    expect(resolveCauseLocale(' de ')).toBe('de');
    expect(resolveCauseLocale(undefined)).toBe('en');
    expect(resolveCauseLocale('xx')).toBe('en');
  });

  it('explains the shared-account and password-reset story where people look for it', () => {
    const password = causeInfo('PASSWORD_CHANGED');
    expect(password.explanation).toMatch(/different places/);
    expect(password.explanation).toMatch(/IP/);
    expect(password.explanation).toMatch(/admin/);
    expect(password.prevention).toMatch(/Agencies: connect each client with its own/);
    expect(password.securityRelated).toBe(true);
    expect(causeInfo('PERMISSIONS_CHANGED').explanation).toMatch(/person who connected/);
    expect(causeInfo('TOKEN_EXPIRED').securityRelated).toBe(false);
  });

  it('throws a clear error for a code that is not a cause', () => {
    expect(() => causeInfo('NOPE' as InvalidationCause)).toThrow(/"NOPE" is not an InvalidationCause/);
  });
});
