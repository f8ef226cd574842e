/** Every place a TokenCipher output is stored: a ciphertext column and its key-id column, in one table. */
export interface EncryptedColumn {
  table: string;
  ciphertext: string;
  keyId: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'credentials', ciphertext: 'access_token_ciphertext', keyId: 'access_token_key_id' },
  { table: 'credentials', ciphertext: 'refresh_token_ciphertext', keyId: 'refresh_token_key_id' },
  { table: 'webhook_endpoints', ciphertext: 'secret_ciphertext', keyId: 'secret_key_id' },
  { table: 'oauth_tickets', ciphertext: 'pkce_verifier_ciphertext', keyId: 'pkce_verifier_key_id' },
];
