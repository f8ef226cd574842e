// The sweep: N Facebook integrations (100,000; RELINK_BENCH_QUICK=1: 10,000) across N/10 tenants on
// real PostgreSQL, each with its own credential holding a real sandbox token (TOKENS distinct ones,
// minted through the sandbox's OAuth endpoints; no claim carries one twice, so none is deduplicated —
// minting costs ~1.5 ms a token here), all checked once by the real monitor (SKIP
// LOCKED claims, pg-boss jobs of 200, debug_token 50 per Graph batch, results through StatusService).
// Compared with a plain client issuing N single debug_token calls at the same concurrency, same run:
// once before the sweep and once after (the mean is the baseline, so a machine that speeds up or
// slows down during the run shifts both sides alike).
// Prints sweep.checks_per_s, sweep.plain_checks_per_s, sweep.ratio, sweep.rss_mb (peak RSS of the
// worker process running the monitor; the sandbox and this driver run in their own processes).
import {
  QUICK,
  benchEnv,
  createSandboxUsers,
  freshDatabase,
  loadApi,
  mintTokens,
  plainDebugToken,
  pool,
  print,
  seedFacebook,
  sleep,
  startSandboxProcess,
  startWorkerProcess,
  tokenExpiries,
} from '../lib/setup.mjs';

const N = Number(process.env.RELINK_BENCH_SWEEP_N ?? (QUICK ? 10_000 : 100_000));
const CONCURRENCY = Number(process.env.RELINK_BENCH_CONCURRENCY ?? 8);
const USERS = 10;
const TOKENS = Math.min(N, Number(process.env.RELINK_BENCH_TOKENS ?? (QUICK ? 2_000 : 20_000)));

const api = await loadApi();
const sandbox = await startSandboxProcess();
let database;
let worker;
try {
  const env = benchEnv(sandbox.origin);
  const config = api.config.loadConfig(env);
  database = await freshDatabase(api, 'bench_sweep');

  let t = Date.now();
  const users = await createSandboxUsers(sandbox.url, 'FACEBOOK', USERS);
  const { tokens, tokenUsers } = await mintTokens(sandbox.url, users, TOKENS, 16);
  console.log(`# minted ${TOKENS} sandbox tokens in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  const expiries = await tokenExpiries(sandbox.url, tokens);
  // Due already: nothing checks them until the worker starts, and the clock starts with it.
  await seedFacebook(api, database, config, { count: N, tokens, tokenUsers, users, expiries, nextCheckAt: new Date(Date.now() - 86_400_000) });
  await database.executeSql('ANALYZE');
  console.log(`# seeded ${N} integrations in ${N / 10} tenants in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  // Baseline: the same number of single debug_token calls over the same tokens, same concurrency.
  const plain = plainDebugToken(sandbox.url);
  const plainRate = async () => {
    const began = Date.now();
    await pool(N, CONCURRENCY, (i) => plain(tokens[i % TOKENS]));
    return N / ((Date.now() - began) / 1000);
  };
  // Warm the sandbox's JIT first, or the first measurement would carry its warm-up.
  await pool(Math.min(N, 5_000), CONCURRENCY, (i) => plain(tokens[i % TOKENS]));
  const plainBefore = await plainRate();

  // The monitor runs as its own worker process (what `node apps/api/dist/worker.js` is), with its own pool.
  // Its start (process, modules, pg-boss) counts: it sweeps as soon as it is up.
  const started = Date.now();
  worker = await startWorkerProcess(env, 'bench_sweep', { checkConcurrency: CONCURRENCY, sweepIntervalMs: 1_000, pollingIntervalSeconds: 0.5 });
  worker.sweep();
  // Progress comes from the worker's counters over IPC; polling the table instead would itself load
  // PostgreSQL (a scan of a fast-churning table several times a second). The end is confirmed in SQL.
  const unchecked = async () =>
    (await database.executeSql('SELECT count(*)::int AS n FROM integrations WHERE last_checked_at IS NULL OR last_checked_at < $1', [new Date(started)])).rows[0].n;
  let remaining = N;
  while (remaining > 0) {
    await sleep(100);
    if ((await worker.stats()).checked < N) continue;
    remaining = await unchecked();
    if (Date.now() - started > 30 * 60_000) throw new Error(`sweep did not finish: ${remaining} unchecked after 30 minutes`);
  }
  const seconds = (Date.now() - started) / 1000;
  const { peakRssMb: peak, cpuSeconds, stats } = await worker.stop();
  worker = undefined;
  const plainAfter = await plainRate();
  const plainPerSecond = (plainBefore + plainAfter) / 2;
  console.log(`# plain client: ${Math.round(plainBefore)} checks/s before the sweep, ${Math.round(plainAfter)} after`);
  const { rows: statuses } = await database.executeSql('SELECT status, count(*)::int AS n FROM integrations GROUP BY status ORDER BY status');
  console.log(`# statuses after the sweep: ${statuses.map((r) => `${r.status}=${r.n}`).join(' ')}; check jobs ${stats.checkJobs}, integrations checked ${stats.checked}`);
  print('sweep.integrations', N);
  print('sweep.distinct_tokens', TOKENS);
  print('sweep.concurrency', CONCURRENCY);
  print('sweep.seconds', seconds.toFixed(1));
  print('sweep.checks_per_s', Math.round(N / seconds));
  print('sweep.plain_checks_per_s', Math.round(plainPerSecond));
  print('sweep.ratio', (N / seconds / plainPerSecond).toFixed(2));
  print('sweep.rss_mb', peak);
  // CPU the worker process used from the wake-up to the end, per second of the sweep (1.0 = one core busy).
  print('sweep.worker_cpu_share', (cpuSeconds / seconds).toFixed(2));
} finally {
  if (worker) await worker.stop().catch(() => worker.kill());
  await database?.close();
  await sandbox.close();
}
