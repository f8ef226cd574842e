import { TokenCipher, type RelinkDatabase } from '@relink/db';

interface CredentialSecrets {
  access_token_ciphertext: string;
  access_token_key_id: string;
  refresh_token_ciphertext: string | null;
  refresh_token_key_id: string | null;
}

/**
 * Every token Relink holds, decrypted from the credentials table. Tests assert that none of these
 * appears in a dump: matching token-shaped patterns instead would be flaky, since base64 ciphertext
 * contains "EAA…" or "1//" by chance.
 */
export async function storedTokens(database: RelinkDatabase, encryptionKeys: string): Promise<string[]> {
  const cipher = TokenCipher.fromSpec(encryptionKeys);
  const rows: CredentialSecrets[] = await database.dataSource.query(
    'SELECT access_token_ciphertext, access_token_key_id, refresh_token_ciphertext, refresh_token_key_id FROM credentials',
  );
  // Wiped credentials (tokens revoked by the provider, data deletion) keep empty ciphertext.
  const secrets = rows.flatMap((r) => [
    { keyId: r.access_token_key_id, ciphertext: r.access_token_ciphertext },
    { keyId: r.refresh_token_key_id ?? '', ciphertext: r.refresh_token_ciphertext ?? '' },
  ]);
  return secrets.filter((secret) => secret.ciphertext !== '').map((secret) => cipher.decrypt(secret));
}
