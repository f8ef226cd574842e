import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher } from './token-cipher.js';

const key = () => randomBytes(32).toString('base64');

describe('TokenCipher', () => {
  it('round-trips a token under the first key, with a fresh IV each time', () => {
    const cipher = TokenCipher.fromSpec(`new:${key()},old:${key()}`);
    const token = 'EAAGm0PX4ZCpsBA' + 'x'.repeat(180) + ' ünïcode';
    const a = cipher.encrypt(token);
    const b = cipher.encrypt(token);
    expect(a.keyId).toBe('new');
    expect(cipher.currentKeyId).toBe('new');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.ciphertext, 'base64').toString('utf8')).not.toContain('EAAG');
    expect(cipher.decrypt(a)).toBe(token);
    expect(cipher.decrypt(b)).toBe(token);
  });

  it('detects a tampered ciphertext, tag or IV', () => {
    const cipher = TokenCipher.fromSpec(`k1:${key()}`);
    const secret = cipher.encrypt('ya29.a0AfB_secret');
    for (const position of [0, 13, 30, Buffer.from(secret.ciphertext, 'base64').length - 1]) {
      const raw = Buffer.from(secret.ciphertext, 'base64');
      raw[position] = (raw[position] ?? 0) ^ 0x01;
      expect(() => cipher.decrypt({ keyId: 'k1', ciphertext: raw.toString('base64') })).toThrow(/failed authentication/);
    }
    expect(() => cipher.decrypt({ keyId: 'k1', ciphertext: 'AAAA' })).toThrow(/too short/);
  });

  it('binds the key id: the same bytes under another id with the same key do not decrypt', () => {
    const material = key();
    const cipher = TokenCipher.fromSpec(`a:${material},b:${material}`);
    const secret = cipher.encrypt('1//refresh');
    expect(() => cipher.decrypt({ keyId: 'b', ciphertext: secret.ciphertext })).toThrow(/failed authentication/);
  });

  it('rotates: the old key still decrypts after a new key is put first', () => {
    const oldSpec = `old:${key()}`;
    const before = TokenCipher.fromSpec(oldSpec).encrypt('secret-1');
    const rotated = TokenCipher.fromSpec(`${TokenCipher.generateKeySpec('new')},${oldSpec}`);
    expect(rotated.currentKeyId).toBe('new');
    expect(rotated.decrypt(before)).toBe('secret-1');
    expect(rotated.encrypt('x').keyId).toBe('new');
    expect(() => TokenCipher.fromSpec(`new:${key()}`).decrypt(before)).toThrow(/No key "old" in RELINK_ENCRYPTION_KEYS/);
  });

  it('generates usable specs', () => {
    const spec = TokenCipher.generateKeySpec();
    expect(spec).toMatch(/^k\d{8}:[A-Za-z0-9+/]{43}=$/);
    expect(TokenCipher.fromSpec(spec).decrypt(TokenCipher.fromSpec(spec).encrypt('ok'))).toBe('ok');
    expect(() => TokenCipher.generateKeySpec('bad id')).toThrow(/Invalid key id/);
  });

  it.each([
    ['', /RELINK_ENCRYPTION_KEYS is empty/],
    ['   ', /RELINK_ENCRYPTION_KEYS is empty/],
    [`k1:${key()},`, /RELINK_ENCRYPTION_KEYS entry 2 is empty/],
    ['justakey', /RELINK_ENCRYPTION_KEYS entry 1 has no ":"/],
    [`:${key()}`, /RELINK_ENCRYPTION_KEYS entry 1 has an invalid key id/],
    [`k 1:${key()}`, /RELINK_ENCRYPTION_KEYS entry 1 has an invalid key id/],
    ['k1:not base64!', /RELINK_ENCRYPTION_KEYS entry 1 \(key "k1"\) is not valid base64/],
    [`k1:${randomBytes(16).toString('base64')}`, /RELINK_ENCRYPTION_KEYS entry 1 \(key "k1"\) decodes to 16 bytes; it must be 32/],
    [`k1:${key()},k1:${key()}`, /RELINK_ENCRYPTION_KEYS entry 2 repeats key id "k1"/],
  ])('refuses the malformed spec %j with a clear message', (spec, message) => {
    expect(() => TokenCipher.fromSpec(spec)).toThrow(message);
  });

  it('never echoes key material in its errors', () => {
    const material = randomBytes(16).toString('base64');
    expect(() => TokenCipher.fromSpec(`k1:${material}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(material) }));
  });
});
