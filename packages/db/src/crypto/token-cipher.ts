import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret encrypted at rest: which key, and base64 of `iv (12) | tag (16) | ciphertext`. */
export interface EncryptedSecret {
  keyId: string;
  ciphertext: string;
}

const VARIABLE = 'RELINK_ENCRYPTION_KEYS';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * AES-256-GCM for token secrets. Keys come from RELINK_ENCRYPTION_KEYS (`keyId:base64-32-bytes`, comma-separated):
 * the first one encrypts, every one decrypts. The key id is bound as additional authenticated data.
 */
export class TokenCipher {
  private constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly current: string,
  ) {}

  /** Parses a RELINK_ENCRYPTION_KEYS value; a malformed one throws an Error naming the variable and the fault. */
  static fromSpec(spec: string): TokenCipher {
    const entries = spec.split(',').map((entry) => entry.trim());
    if (spec.trim() === '') throw new Error(`${VARIABLE} is empty: expected comma-separated keyId:base64-32-bytes`);
    const keys = new Map<string, Buffer>();
    entries.forEach((entry, index) => {
      const where = `${VARIABLE} entry ${index + 1}`;
      const colon = entry.indexOf(':');
      if (entry === '') throw new Error(`${where} is empty (stray comma?)`);
      if (colon < 0) throw new Error(`${where} has no ":": expected keyId:base64-32-bytes`);
      const keyId = entry.slice(0, colon);
      const material = entry.slice(colon + 1);
      if (!KEY_ID.test(keyId)) throw new Error(`${where} has an invalid key id "${keyId.slice(0, 64)}": use 1-64 of A-Z a-z 0-9 _ . -`);
      if (keys.has(keyId)) throw new Error(`${where} repeats key id "${keyId}"`);
      if (!BASE64.test(material) || material.length % 4 !== 0) throw new Error(`${where} (key "${keyId}") is not valid base64`);
      const key = Buffer.from(material, 'base64');
      if (key.length !== KEY_BYTES) throw new Error(`${where} (key "${keyId}") decodes to ${key.length} bytes; it must be ${KEY_BYTES}`);
      keys.set(keyId, key);
    });
    const [first] = keys.keys();
    if (first === undefined) throw new Error(`${VARIABLE} holds no key`);
    return new TokenCipher(keys, first);
  }

  /** A fresh spec with one random key, e.g. for dev mode or the next rotation (prepend it to the old spec). */
  static generateKeySpec(keyId = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
    if (!KEY_ID.test(keyId)) throw new Error(`Invalid key id "${keyId}": use 1-64 of A-Z a-z 0-9 _ . -`);
    return `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`;
  }

  /** The key id new secrets are encrypted under. */
  get currentKeyId(): string {
    return this.current;
  }

  /** Every key id this cipher can decrypt. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string): EncryptedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(this.current), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(this.current, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.current, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** Throws when the key is unknown or the ciphertext (or its key id) was altered. */
  decrypt(secret: EncryptedSecret): string {
    const raw = Buffer.from(secret.ciphertext, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error(`Encrypted secret under key "${secret.keyId}" is too short to be valid`);
    const decipher = createDecipheriv(ALGORITHM, this.key(secret.keyId), raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(secret.keyId, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`Encrypted secret under key "${secret.keyId}" failed authentication: it was altered or the key is not the one it was encrypted with`);
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`No key "${keyId}" in ${VARIABLE}: keep old keys listed (after the first) until reencrypt has run`);
    return key;
  }
}
