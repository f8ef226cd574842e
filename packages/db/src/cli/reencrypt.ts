#!/usr/bin/env node
import { reencryptFromEnvironment } from './reencrypt-command.js';

/** `pnpm --filter @relink/db reencrypt`: moves every stored secret to the first key of RELINK_ENCRYPTION_KEYS. */
try {
  const { reencrypted, keyId, database } = await reencryptFromEnvironment(process.env);
  console.log(`Re-encrypted ${reencrypted} secret(s) under key "${keyId}" in ${database}.`);
} catch (error) {
  console.error(`reencrypt failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
