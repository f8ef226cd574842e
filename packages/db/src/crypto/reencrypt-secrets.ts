import type { RelinkDatabase } from '../relink-database.js';
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns.js';
import type { TokenCipher } from './token-cipher.js';

const BATCH_SIZE = 200;

interface StoredSecret {
  id: string;
  ciphertext: string;
  key_id: string;
}

/**
 * Re-encrypts every stored secret that is not under the cipher's current key, in batches.
 * Each batch is one UPDATE that only touches rows still holding the ciphertext it read, so a
 * secret rewritten meanwhile (e.g. a token refresh) is left alone. Throws, naming the row, when a
 * secret's key is missing from the cipher.
 */
export async function reencryptSecrets(db: RelinkDatabase, cipher: TokenCipher): Promise<{ reencrypted: number }> {
  let reencrypted = 0;
  for (const column of ENCRYPTED_COLUMNS) reencrypted += await reencryptColumn(db, cipher, column);
  return { reencrypted };
}

async function reencryptColumn(db: RelinkDatabase, cipher: TokenCipher, column: EncryptedColumn): Promise<number> {
  const { table, ciphertext, keyId } = column;
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await db.executeSql<StoredSecret>(
      `SELECT id, ${ciphertext} AS ciphertext, ${keyId} AS key_id FROM ${table}
        WHERE ${keyId} IS NOT NULL AND ${keyId} <> $1 AND id > $2 ORDER BY id LIMIT ${BATCH_SIZE}`,
      [cipher.currentKeyId, after],
    );
    const last = rows.at(-1);
    if (!last) return done;
    after = last.id;
    const fresh = rows.map((row) => {
      try {
        return cipher.encrypt(cipher.decrypt({ keyId: row.key_id, ciphertext: row.ciphertext }));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Cannot re-encrypt ${table}.${ciphertext} of row ${row.id}: ${reason}`, { cause: error });
      }
    });
    const updated = await db.executeSql(
      `UPDATE ${table} AS t SET ${ciphertext} = v.fresh, ${keyId} = $4
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, old, fresh)
        WHERE t.id = v.id AND t.${ciphertext} = v.old
        RETURNING t.id`,
      [rows.map((row) => row.id), rows.map((row) => row.ciphertext), fresh.map((secret) => secret.ciphertext), cipher.currentKeyId],
    );
    done += updated.rows.length;
  }
}
