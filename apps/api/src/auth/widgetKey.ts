import { hkdfSync } from 'node:crypto';

const INFO = 'relink/widget-session/v1';

/**
 * The HS256 key for widget session tokens: HKDF-SHA256 over the first (current) RELINK_ENCRYPTION_KEYS
 * key, so no extra secret has to be configured and a key rotation also retires old widget tokens.
 */
export function deriveWidgetKey(encryptionKeys: string): Uint8Array {
  const first = encryptionKeys.split(',')[0]?.trim() ?? '';
  const material = first.slice(first.indexOf(':') + 1);
  const ikm = Buffer.from(material, 'base64');
  if (ikm.length !== 32) throw new Error('RELINK_ENCRYPTION_KEYS: the first key must decode to 32 bytes to sign widget sessions');
  return new Uint8Array(hkdfSync('sha256', ikm, Buffer.alloc(0), INFO, 32));
}
