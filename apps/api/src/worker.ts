import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startWorker } from './monitor/startWorker.js';

/**
 * `node dist/worker.js`: one more health-monitor worker (no HTTP). Same environment as the API
 * (RELINK_DATABASE_URL, RELINK_ENCRYPTION_KEYS, provider credentials); start as many as you like.
 * In dev mode it reuses the secrets `pnpm start` generated (RELINK_DATA_DIR/dev-secrets.json), so it
 * can decrypt the same tokens.
 */
async function main(): Promise<void> {
  const dataDir = process.env.RELINK_DATA_DIR || '.relink';
  const file = join(dataDir, 'dev-secrets.json');
  const persisted = process.env.NODE_ENV !== 'production' && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const config = loadConfig(process.env, persisted);
  const generated = Object.keys(config.generated);
  if (generated.length > 0) {
    throw new ConfigError(`${generated.join(', ')} must be set for a worker (or start the API once in dev mode so they are generated in ${file})`);
  }
  const log = createLogger(config.mode);
  const concurrency = process.env.RELINK_WORKER_CONCURRENCY ? Number(process.env.RELINK_WORKER_CONCURRENCY) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    throw new ConfigError(`RELINK_WORKER_CONCURRENCY must be a whole number from 1 to 64, got "${process.env.RELINK_WORKER_CONCURRENCY}"`);
  }
  const worker = await startWorker(config, log, concurrency ? { checkConcurrency: concurrency } : {});
  console.log(`Relink worker running (PostgreSQL, pid ${process.pid}); Ctrl-C stops it after its running jobs.`);
  const stop = async () => {
    await worker.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`relink worker: ${error.message}`);
  else console.error('relink worker: failed to start:', error);
  process.exit(1);
});
