// The real API, built (apps/api/dist), on the benchmark's schema, monitor off, production mode.
// Usage: node api-server.mjs <databaseUrl> <schema>   → prints `ready <port>`.
import { randomBytes } from 'node:crypto';
import { register } from 'node:module';
import { importBuilt } from './workspace.mjs';

register('./widget-path-hook.mjs', import.meta.url);

const [url, schema] = process.argv.slice(2);
if (!url || !schema) throw new Error('usage: api-server.mjs <databaseUrl> <schema>');

const { createDatabase } = await importBuilt('packages/db/dist/index.js');
const { loadConfig } = await importBuilt('apps/api/dist/config.js');
const { createApp } = await importBuilt('apps/api/dist/app.js');

const config = loadConfig({
  NODE_ENV: 'production',
  PORT: '0',
  RELINK_DATABASE_URL: url,
  RELINK_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  LOG_LEVEL: process.env.LOG_LEVEL,
});
const database = await createDatabase({ url, schema });
// RELINK_BENCH_READ_CACHE=off measures the API without its read cache (the state before issue 9).
const relink = await createApp(config, { database, readCache: process.env.RELINK_BENCH_READ_CACHE !== 'off' });
relink.server.listen(0, '127.0.0.1', () => console.log(`ready ${relink.server.address().port}`));

// RELINK_BENCH_PROFILE=<file>: SIGUSR2 starts a CPU profile (after warm-up), SIGTERM writes it.
let profiler;
if (process.env.RELINK_BENCH_PROFILE) {
  const { Session } = await import('node:inspector/promises');
  process.on('SIGUSR2', async () => {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  });
}

const stop = async () => {
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    profiler = undefined;
    (await import('node:fs')).writeFileSync(process.env.RELINK_BENCH_PROFILE, JSON.stringify(profile));
  }
  globalThis.gc?.();
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  console.log(`stats ${JSON.stringify({ ...relink.readPath?.cache.stats(), heapMb })}`);
  await relink.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
