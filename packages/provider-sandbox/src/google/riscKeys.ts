import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The RSA key that signs security event tokens and id_tokens, published as a JWKS. */
export interface RiscKeys {
  kid: string;
  privateKey: KeyObject;
  jwks: { keys: Array<Record<string, unknown>> };
}

let shared: RiscKeys | undefined;

/**
 * A 2048-bit RSA key made once per process (making one takes most of a second) and shared by the
 * sandboxes of that process; each publishes it in its own JWKS.
 */
export function createRiscKeys(): RiscKeys {
  shared ??= generateKeys();
  return shared;
}

function generateKeys(): RiscKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const kid = createHash('sha1').update(String(jwk.n)).digest('hex');
  return { kid, privateKey, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
}
