import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../create-database.js';
import { TokenCipher } from '../crypto/token-cipher.js';
import { reencryptFromEnvironment } from './reencrypt-command.js';

describe('reencrypt command (PGlite folder)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relink-reencrypt-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('re-encrypts the folder named by RELINK_DATA_DIR under the first key of RELINK_ENCRYPTION_KEYS', async () => {
    const oldSpec = TokenCipher.generateKeySpec('v1');
    const newSpec = TokenCipher.generateKeySpec('v2');
    const dataDir = join(dir, 'data');
    const db = await createDatabase({ dataDir });
    const secret = TokenCipher.fromSpec(oldSpec).encrypt('whsec_abc');
    await db.executeSql(
      `WITH t AS (INSERT INTO tenants (name) VALUES ('Acme') RETURNING id)
       INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, secret_key_id) SELECT id, 'https://a.example', $1, $2 FROM t`,
      [secret.ciphertext, secret.keyId],
    );
    await db.close();

    const outcome = await reencryptFromEnvironment({ RELINK_DATA_DIR: dataDir, RELINK_ENCRYPTION_KEYS: `${newSpec},${oldSpec}` });
    expect(outcome).toEqual({ reencrypted: 1, keyId: 'v2', database: `PGlite in ${dataDir}` });

    const reopened = await createDatabase({ dataDir });
    try {
      const { rows } = await reopened.executeSql<{ secret_ciphertext: string; secret_key_id: string }>(`SELECT secret_ciphertext, secret_key_id FROM webhook_endpoints`);
      expect(rows[0]?.secret_key_id).toBe('v2');
      expect(TokenCipher.fromSpec(newSpec).decrypt({ keyId: 'v2', ciphertext: rows[0]!.secret_ciphertext })).toBe('whsec_abc');
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it('refuses to run without keys, or with malformed ones, before touching the database', async () => {
    await expect(reencryptFromEnvironment({ RELINK_DATA_DIR: join(dir, 'never') })).rejects.toThrow(/RELINK_ENCRYPTION_KEYS is not set/);
    await expect(reencryptFromEnvironment({ RELINK_DATA_DIR: join(dir, 'never'), RELINK_ENCRYPTION_KEYS: 'v1:short' })).rejects.toThrow(/RELINK_ENCRYPTION_KEYS entry 1/);
  });
});
