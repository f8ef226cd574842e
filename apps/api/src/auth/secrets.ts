import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Hex sha256: how API keys, staff tokens and widget tokens are stored. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** `prefix` + base64url of `bytes` random bytes. */
export function randomSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Compares two secrets in constant time (lengths hidden by hashing first). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

export const API_KEY_PREFIX = 'rlk_live_';
export const STAFF_TOKEN_PREFIX = 'rls_';
