import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The RSA key that signs security event tokens and id_tokens, published as a JWKS. */
export interface RiscKeys {
  kid: string;
  privateKey: KeyObject;
  jwks: { keys: Array<Record<string, unknown>> };
}

export function createRiscKeys(): RiscKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = createHash('sha1').update(String(jwk.n)).digest('hex');
  return { kid, privateKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}
