import { createDatabase } from '../create-database.js';
import { reencryptSecrets } from '../crypto/reencrypt-secrets.js';
import { TokenCipher } from '../crypto/token-cipher.js';
import type { DatabaseConfig } from '../relink-database.js';

export interface ReencryptOutcome {
  reencrypted: number;
  keyId: string;
  database: string;
}

/**
 * What `reencrypt` does, given the environment: RELINK_ENCRYPTION_KEYS (new key first, old ones after),
 * and RELINK_DATABASE_URL or else RELINK_DATA_DIR (default `.relink`). Stop the server first on PGlite:
 * one process at a time may open its folder.
 */
export async function reencryptFromEnvironment(env: NodeJS.ProcessEnv): Promise<ReencryptOutcome> {
  const spec = env.RELINK_ENCRYPTION_KEYS;
  if (spec === undefined) throw new Error('RELINK_ENCRYPTION_KEYS is not set: list the new key first, then every key still in use');
  const cipher = TokenCipher.fromSpec(spec);
  const config: DatabaseConfig = env.RELINK_DATABASE_URL
    ? { url: env.RELINK_DATABASE_URL }
    : { dataDir: env.RELINK_DATA_DIR || '.relink' };
  const database = config.url ? 'PostgreSQL (RELINK_DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  const db = await createDatabase(config);
  try {
    const { reencrypted } = await reencryptSecrets(db, cipher);
    return { reencrypted, keyId: cipher.currentKeyId, database };
  } finally {
    await db.close();
  }
}
