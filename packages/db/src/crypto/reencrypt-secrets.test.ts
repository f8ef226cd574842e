import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelinkDatabase } from '../relink-database.js';
import { createTestDatabase } from '../test-support/create-test-database.js';
import { reencryptSecrets } from './reencrypt-secrets.js';
import { TokenCipher } from './token-cipher.js';

const OLD = TokenCipher.generateKeySpec('old');
const NEW = TokenCipher.generateKeySpec('new');
const ENDPOINTS = 450; // more than two batches

describe(`reencryptSecrets on ${process.env.RELINK_TEST_DATABASE_URL ? 'postgres' : 'pglite'}`, () => {
  let db: RelinkDatabase;
  let tenantId: string;
  beforeAll(async () => {
    db = await createTestDatabase('reencrypt');
    tenantId = (await db.executeSql<{ id: string }>(`INSERT INTO tenants (name) VALUES ('Acme') RETURNING id`)).rows[0]!.id;
  });
  afterAll(async () => {
    await db?.close();
  });

  async function seed(cipher: TokenCipher, n: number): Promise<void> {
    const identity = (await db.executeSql<{ id: string }>(
      `INSERT INTO provider_identities (provider, external_user_id, name) VALUES ('GOOGLE', $1, 'Ann') RETURNING id`,
      [`user-${n}`],
    )).rows[0]!.id;
    const access = cipher.encrypt(`ya29.access-${n}`);
    const refresh = cipher.encrypt(`1//refresh-${n}`);
    await db.executeSql(
      `INSERT INTO credentials (tenant_id, identity_id, provider, access_token_ciphertext, access_token_key_id, refresh_token_ciphertext, refresh_token_key_id)
       VALUES ($1, $2, 'GOOGLE', $3, $4, $5, $6)`,
      [tenantId, identity, access.ciphertext, access.keyId, n % 2 ? refresh.ciphertext : null, n % 2 ? refresh.keyId : null],
    );
    const pkce = cipher.encrypt(`verifier-${n}`);
    await db.executeSql(
      `INSERT INTO oauth_tickets (token_hash, tenant_id, provider, kind, actor, expires_at, pkce_verifier_ciphertext, pkce_verifier_key_id)
       VALUES (encode(sha256($1::bytea), 'hex'), $2, 'GOOGLE', 'connect', 'test', now(), $3, $4)`,
      [`ticket-${n}`, tenantId, pkce.ciphertext, pkce.keyId],
    );
  }

  it('moves every secret under an old key to the current key, in batches, and leaves plaintexts intact', async () => {
    const oldCipher = TokenCipher.fromSpec(OLD);
    await seed(oldCipher, 1);
    await seed(oldCipher, 2);
    const secrets = Array.from({ length: ENDPOINTS }, (_, i) => oldCipher.encrypt(`whsec_${i}`));
    await db.executeSql(
      `INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, secret_key_id)
       SELECT $1, 'https://host.example/' || i, s, 'old' FROM unnest($2::text[]) WITH ORDINALITY AS x(s, i)`,
      [tenantId, secrets.map((secret) => secret.ciphertext)],
    );
    const rotated = TokenCipher.fromSpec(`${NEW},${OLD}`);
    await seed(rotated, 3); // already under the new key: untouched

    // 2 access + 1 refresh + 2 pkce + 450 endpoint secrets under "old".
    expect(await reencryptSecrets(db, rotated)).toEqual({ reencrypted: 2 + 1 + 2 + ENDPOINTS });
    expect(await reencryptSecrets(db, rotated)).toEqual({ reencrypted: 0 });

    const newOnly = TokenCipher.fromSpec(NEW);
    const { rows: credentials } = await db.executeSql<Record<string, string | null>>(`SELECT * FROM credentials ORDER BY created_at`);
    const tokens = credentials.map((row) => [
      newOnly.decrypt({ keyId: row.access_token_key_id!, ciphertext: row.access_token_ciphertext! }),
      row.refresh_token_key_id && newOnly.decrypt({ keyId: row.refresh_token_key_id, ciphertext: row.refresh_token_ciphertext! }),
    ]);
    expect(tokens.sort()).toEqual([['ya29.access-1', '1//refresh-1'], ['ya29.access-2', null], ['ya29.access-3', '1//refresh-3']]);
    const { rows: endpoints } = await db.executeSql<{ url: string; secret_ciphertext: string; secret_key_id: string }>(`SELECT url, secret_ciphertext, secret_key_id FROM webhook_endpoints`);
    expect(new Set(endpoints.map((row) => row.secret_key_id))).toEqual(new Set(['new']));
    for (const row of endpoints) {
      const index = Number(row.url.split('/').pop()) - 1;
      expect(newOnly.decrypt({ keyId: row.secret_key_id, ciphertext: row.secret_ciphertext })).toBe(`whsec_${index}`);
    }
    const { rows: tickets } = await db.executeSql<{ key_id: string }>(`SELECT DISTINCT pkce_verifier_key_id AS key_id FROM oauth_tickets`);
    expect(tickets).toEqual([{ key_id: 'new' }]);
  });

  it('names the row when a secret is under a key the cipher does not have', async () => {
    const lost = TokenCipher.fromSpec(TokenCipher.generateKeySpec('lost')).encrypt('whsec_lost');
    const { rows } = await db.executeSql<{ id: string }>(
      `INSERT INTO webhook_endpoints (tenant_id, url, secret_ciphertext, secret_key_id) VALUES ($1, 'https://lost.example', $2, $3) RETURNING id`,
      [tenantId, lost.ciphertext, lost.keyId],
    );
    await expect(reencryptSecrets(db, TokenCipher.fromSpec(`${NEW},${OLD}`))).rejects.toThrow(
      new RegExp(`webhook_endpoints\\.secret_ciphertext of row ${rows[0]!.id}: No key "lost" in RELINK_ENCRYPTION_KEYS`),
    );
  });
});
