// The sweep under faults: 30% of the sandbox's Facebook API calls fail (500s, timeouts, rate limits
// with X-App-Usage at 100%, in equal parts) while the real monitor checks N integrations (10,000;
// RELINK_BENCH_QUICK=1: 2,000). A transient answer must never invalidate a token, and every
// integration must eventually get a real answer. Time is compressed: per-integration back-off starts
// at 1 s and provider-asked waits are honoured up to 3 s (the product defaults: 60 s and 1 h).
// Prints faults.false_invalidations, faults.unchecked, faults.injected, faults.seconds.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import {
  FACEBOOK_APP,
  QUICK,
  benchConfig,
  createSandboxUsers,
  freshDatabase,
  loadApi,
  mintTokens,
  print,
  root,
  seedFacebook,
  sleep,
} from '../lib/setup.mjs';

const N = Number(process.env.RELINK_BENCH_FAULTS_N ?? (QUICK ? 2_000 : 10_000));
const TOKENS = Math.min(N, 1_000);
const FAULT_RATE = 0.3;
const KINDS = ['http500', 'timeout', 'rateLimit'];

const api = await loadApi();
const express = createRequire(root + 'apps/api/package.json')('express');

// The sandbox, in this process, behind a front that queues a fault for 30% of Facebook API calls.
const app = express();
const server = createServer(app);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const sandbox = api.sandbox.createSandbox({ publicUrl: `${origin}/sandbox`, facebook: FACEBOOK_APP, faultTimeoutMs: 10_000 });
const injected = { http500: 0, timeout: 0, rateLimit: 0, calls: 0 };
let injecting = false;
app.use('/sandbox', (req, _res, next) => {
  const apiCall = req.path.startsWith('/facebook/v19.0/') && !req.path.includes('/dialog/') && !req.path.includes('/oauth/');
  if (injecting && apiCall) {
    injected.calls++;
    if (Math.random() < FAULT_RATE) {
      const kind = KINDS[Math.floor(Math.random() * KINDS.length)];
      injected[kind]++;
      sandbox.injectFault('FACEBOOK', kind, 1);
    }
  }
  next();
});
app.use('/sandbox', sandbox.router);

let database;
let worker;
try {
  const config = benchConfig(api, origin);
  database = await freshDatabase(api, 'bench_faults');
  const users = await createSandboxUsers(`${origin}/sandbox`, 'FACEBOOK', 10);
  const { tokens, tokenUsers } = await mintTokens(`${origin}/sandbox`, users, TOKENS, 16);
  await seedFacebook(api, database, config, { count: N, tokens, tokenUsers, users, nextCheckAt: new Date(Date.now() - 60_000) });
  console.log(`# ${N} integrations, ${TOKENS} distinct tokens; injecting faults into ${FAULT_RATE * 100}% of Facebook API calls`);

  injecting = true;
  const started = Date.now();
  worker = await api.startWorker(config, api.logger.createLogger('test'), {
    database,
    checkConcurrency: 8,
    sweepIntervalMs: 500,
    pollingIntervalSeconds: 0.5,
    schedule: { transientBaseSeconds: 1, transientMaxSeconds: 8 },
    backoff: { baseSeconds: 0.5, maxSeconds: 3, maxAskedSeconds: 3 },
  });
  const unchecked = async () =>
    (
      await database.executeSql(
        `SELECT count(*)::int AS n FROM integrations WHERE last_checked_at IS NULL OR consecutive_transient_failures > 0 OR status = 'UNREACHABLE'`,
      )
    ).rows[0].n;
  let unreachableSeen = 0;
  const watch = setInterval(async () => {
    const { rows } = await database.executeSql(`SELECT count(*)::int AS n FROM integrations WHERE status = 'UNREACHABLE'`).catch(() => ({ rows: [{ n: 0 }] }));
    unreachableSeen = Math.max(unreachableSeen, rows[0].n);
  }, 500);
  let remaining = N;
  const deadline = started + (QUICK ? 5 : 20) * 60_000;
  while (remaining > 0 && Date.now() < deadline) {
    await sleep(500);
    remaining = await unchecked();
  }
  clearInterval(watch);
  const seconds = (Date.now() - started) / 1000;
  injecting = false;
  const { rows: bad } = await database.executeSql(`SELECT count(*)::int AS n FROM integrations WHERE status IN ('EXPIRED', 'REVOKED')`);
  const { rows: windows } = await database.executeSql('SELECT count(*)::int AS n FROM untracked_windows');
  const { rows: statuses } = await database.executeSql('SELECT status, count(*)::int AS n FROM integrations GROUP BY status ORDER BY status');
  console.log(`# statuses: ${statuses.map((r) => `${r.status}=${r.n}`).join(' ')}; untracked windows opened: ${windows[0].n}; peak UNREACHABLE: ${unreachableSeen}`);
  console.log(`# injected: ${injected.http500} × 500, ${injected.timeout} × timeout, ${injected.rateLimit} × rate limit, of ${injected.calls} API calls`);
  print('faults.integrations', N);
  print('faults.false_invalidations', bad[0].n + windows[0].n);
  print('faults.unchecked', remaining);
  print('faults.injected', injected.http500 + injected.timeout + injected.rateLimit);
  print('faults.provider_calls', injected.calls);
  print('faults.seconds', seconds.toFixed(1));
} finally {
  await worker?.close();
  await database?.close();
  await sandbox.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
