// bench/read: the widget's banner query through the real API against a bare Express 5 + `pg` handler
// running the same indexed SQL and answering the same JSON. Prints `name: value` lines:
//   read.ratio             API req/s ÷ baseline req/s (median over A B A B … rounds)
//   read.p99_ms            API p99 latency (median over rounds), read.baseline_p99_ms the baseline's
//   read.rss_mb            API resident memory after the rounds (read.rss_peak_mb: its peak)
//   read.scale_ratio       API median latency at 1,000,000 integrations ÷ at 10,000 (goal ≤ 2)
// RELINK_BENCH_QUICK=1: 10,000 integrations over 1,000 tenants, shorter rounds, no scale run unless
// RELINK_BENCH_SCALE=1 (=0 skips it in a full run). RELINK_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ensureDataset, touchApiKeys, apiKeyFor } from './dataset.mjs';
import { backendsOf, cpuSecondsOf, memoryOf, pinBackends, pinning, runLoad, startServer, stopServer } from './processes.mjs';
import { DEFAULT_DATABASE_URL, root, widgetQueries } from './workspace.mjs';

const quick = process.env.RELINK_BENCH_QUICK === '1';
const scale = process.env.RELINK_BENCH_SCALE ? process.env.RELINK_BENCH_SCALE === '1' : !quick;
const url = process.env.RELINK_BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
const CONNECTIONS = 50;
const main = quick ? { tenants: 1_000, integrations: 10_000 } : { tenants: 10_000, integrations: 100_000 };
const rounds = Number(process.env.RELINK_BENCH_READ_ROUNDS || (quick ? 2 : 3));
const seconds = Number(process.env.RELINK_BENCH_READ_SECONDS || (quick ? 5 : 10));

const log = (message) => console.log(`# read: ${message}`);
const print = (name, value) => console.log(`${name}: ${value}`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fixed = (x, digits = 2) => Number(x.toFixed(digits));

function build() {
  if (process.env.RELINK_BENCH_NO_BUILD === '1') return;
  const run = spawnSync('npx', ['pnpm', 'exec', 'turbo', 'run', 'build', '--filter=@relink/api...', '--output-logs=errors-only'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (run.status === 0) return;
  // Another package's build failing (e.g. one being edited right now) must not leave the API's dist stale:
  // emit the API and what it runs on with tsc directly (tsc emits even with type errors).
  log('WARNING: the workspace build failed; emitting core, db and api with tsc directly');
  for (const dir of ['packages/core', 'packages/db', 'apps/api']) {
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: `${root}${dir}`, stdio: 'ignore' });
  }
  if (!existsSync(`${root}apps/api/dist/app.js`)) throw new Error('building @relink/api failed');
}

async function post(server, n, body) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKeyFor(n)}` },
    body,
  });
  return { status: res.status, json: await res.json() };
}

/** Both servers answer the same JSON for a sample of tenants (else the comparison means nothing). */
async function checkSameAnswers(baseline, api, tenants, body) {
  for (let i = 0; i < 25; i++) {
    const n = Math.floor((i * tenants) / 25);
    const [a, b] = await Promise.all([post(baseline, n, body), post(api, n, body)]);
    if (a.status !== 200 || b.status !== 200 || !isDeepStrictEqual(a.json, b.json)) {
      throw new Error(`tenant ${n}: baseline and API differ\nbaseline ${a.status} ${JSON.stringify(a.json).slice(0, 600)}\napi      ${b.status} ${JSON.stringify(b.json).slice(0, 600)}`);
    }
  }
}

/**
 * Warm-up: JIT and pools, and every tenant's banner shown once (steady traffic: a host page asks on
 * every page view, so between two changes of a tenant its answer is asked for again and again).
 */
async function warm(server, tenants, body) {
  await runLoad({ url: server.url, tenants, connections: CONNECTIONS, body, amount: tenants, sequential: true });
  await runLoad({ url: server.url, tenants, connections: CONNECTIONS, body, amount: Math.max(tenants, 2_000) });
  return pinBackends(server.pid).length;
}

/** One load run, with the CPU time the server and its PostgreSQL backends spent per request (µs). */
async function measured(server, tenants, body) {
  const backendCpu = (pids) => new Map(pids.map((pid) => [pid, cpuSecondsOf(pid)]));
  const server0 = cpuSecondsOf(server.pid);
  const db0 = backendCpu(pinBackends(server.pid));
  const r = await runLoad({ url: server.url, tenants, connections: CONNECTIONS, seconds, body });
  const server1 = cpuSecondsOf(server.pid);
  let db = 0;
  // Backends opened during the run count from zero; ones that ended are lost (pools keep theirs open).
  for (const [pid, after] of backendCpu(backendsOf(server.pid))) db += after - (db0.get(pid) ?? 0);
  return { ...r, serverUs: ((server1 - server0) * 1e6) / r.total, dbUs: (db * 1e6) / r.total };
}

function checkLoad(name, r) {
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
}

/** A B A B …: baseline and API loaded in turn with the same settings. */
async function compare(dataset, body) {
  const args = [url, dataset.schema];
  const baseline = await startServer('baseline-server.mjs', args);
  const api = await startServer('api-server.mjs', args);
  try {
    await checkSameAnswers(baseline, api, dataset.tenants, body);
    const pinnedBackends = (await warm(baseline, dataset.tenants, body)) + (await warm(api, dataset.tenants, body));
    log(`pinning ${pinning ? `on (servers CPU 0; load + ${pinnedBackends} PostgreSQL backends CPU 1)` : 'off'}; ${CONNECTIONS} connections, ${rounds} × ${seconds} s each`);
    const results = [];
    for (let round = 0; round < rounds; round++) {
      await touchApiKeys(url, dataset.schema);
      const a = await measured(baseline, dataset.tenants, body);
      checkLoad('baseline', a);
      const b = await measured(api, dataset.tenants, body);
      checkLoad('api', b);
      const cpu = (r) => `${r.serverUs.toFixed(0)} µs + db ${r.dbUs.toFixed(0)} µs CPU/req`;
      log(`round ${round + 1}: baseline ${a.rps.toFixed(0)} req/s p99 ${a.p99} ms ${cpu(a)} | api ${b.rps.toFixed(0)} req/s p99 ${b.p99} ms ${cpu(b)} | ratio ${(b.rps / a.rps).toFixed(2)}`);
      results.push({ a, b });
    }
    return { results, memory: memoryOf(api.pid), baselineMemory: memoryOf(baseline.pid) };
  } finally {
    const [, output] = await Promise.all([stopServer(baseline), stopServer(api)]);
    const stats = /stats (.*)/.exec(output)?.[1];
    if (stats) log(`API read cache: ${stats}`);
  }
}

/**
 * The API's latency for the same query (uncached) at two dataset sizes, with light load (4 connections, so no
 * queueing in the number): both servers up, loaded in turn A B A B, median of the rounds' means.
 */
async function latencyAtSizes(small, large, body) {
  // The read cache off: this measures the query itself (SQL through the indexes + execution), not cache hits.
  const env = { RELINK_BENCH_READ_CACHE: 'off' };
  const servers = [await startServer('api-server.mjs', [url, small.schema], { env }), await startServer('api-server.mjs', [url, large.schema], { env })];
  const datasets = [small, large];
  try {
    for (const [i, server] of servers.entries()) {
      await runLoad({ url: server.url, tenants: datasets[i].tenants, connections: 4, seconds: 2, body });
      pinBackends(server.pid);
    }
    const means = [[], []];
    for (let round = 0; round < rounds; round++) {
      for (const [i, server] of servers.entries()) {
        await touchApiKeys(url, datasets[i].schema);
        const r = await runLoad({ url: server.url, tenants: datasets[i].tenants, connections: 4, seconds: quick ? 4 : 6, body });
        checkLoad('api', r);
        means[i].push(r.mean);
      }
    }
    return means.map(median);
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

build();
const { INTEGRATIONS_QUERY } = await widgetQueries();
const body = JSON.stringify({ query: INTEGRATIONS_QUERY, variables: {} });

const dataset = await ensureDataset({ url, ...main, log });
log(`${dataset.integrations} integrations over ${dataset.tenants} tenants (schema ${dataset.schema})`);
const { results, memory, baselineMemory } = await compare(dataset, body);
print('read.ratio', fixed(median(results.map((r) => r.b.rps / r.a.rps))));
print('read.rps', fixed(median(results.map((r) => r.b.rps)), 0));
print('read.baseline_rps', fixed(median(results.map((r) => r.a.rps)), 0));
print('read.p99_ms', median(results.map((r) => r.b.p99)));
print('read.baseline_p99_ms', median(results.map((r) => r.a.p99)));
print('read.cpu_us_per_req', fixed(median(results.map((r) => r.b.serverUs)), 0));
print('read.baseline_cpu_us_per_req', fixed(median(results.map((r) => r.a.serverUs)), 0));
print('read.db_cpu_us_per_req', fixed(median(results.map((r) => r.b.dbUs)), 0));
print('read.baseline_db_cpu_us_per_req', fixed(median(results.map((r) => r.a.dbUs)), 0));
print('read.rss_mb', fixed(memory.rss, 0));
print('read.rss_peak_mb', fixed(memory.peak, 0));
print('read.baseline_rss_mb', fixed(baselineMemory.rss, 0));

if (scale) {
  const small = await ensureDataset({ url, tenants: 1_000, integrations: 10_000, log });
  const large = await ensureDataset({ url, tenants: 100_000, integrations: 1_000_000, log });
  const [at10k, at1m] = await latencyAtSizes(small, large, body);
  log(`mean latency (uncached, 4 connections, tenants at random) at 10,000: ${at10k.toFixed(1)} ms; at 1,000,000: ${at1m.toFixed(1)} ms`);
  print('read.scale_ms_10k', fixed(at10k, 1));
  print('read.scale_ms_1m', fixed(at1m, 1));
  print('read.scale_ratio', fixed(at1m / at10k));
} else {
  log('scale run skipped (RELINK_BENCH_QUICK=1 without RELINK_BENCH_SCALE=1)');
}
