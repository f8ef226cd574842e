export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';
export const PROFILE_SCOPE = 'https://www.googleapis.com/auth/userinfo.profile';
export const ADWORDS_SCOPE = 'https://www.googleapis.com/auth/adwords';
const BASIC = new Set(['openid', EMAIL_SCOPE, PROFILE_SCOPE]);

/** Google's spelling of scopes: `email` / `profile` become the userinfo URLs. */
export function normalizeScopes(raw: string | undefined): string[] {
  const out: string[] = [];
  for (const scope of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    const full = scope === 'email' ? EMAIL_SCOPE : scope === 'profile' ? PROFILE_SCOPE : scope;
    if (!out.includes(full)) out.push(full);
  }
  return out;
}

/** Testing-mode refresh tokens die after 7 days unless only name/email/profile/openid were granted. */
export function hasNonBasicScope(scopes: Iterable<string>): boolean {
  for (const scope of scopes) if (!BASIC.has(scope)) return true;
  return false;
}

/** Google pushes RISC events only for users who granted `email` or `profile` (or openid). */
export function receivesRisc(scopes: Iterable<string>): boolean {
  for (const scope of scopes) if (BASIC.has(scope)) return true;
  return false;
}
