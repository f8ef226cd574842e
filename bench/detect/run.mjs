// Detection latency: the whole API (createApp, listening, sandbox mounted, monitor on) on real
// PostgreSQL; 200 integrations connected through the real OAuth flow. Then:
//  - 100 invalidations the sandbox pushes: 50 Facebook APP_DEAUTHORIZED (deauthorize callback) and
//    50 Google SESSION_INVALIDATED (RISC sessions-revoked) → detect.p50_s / detect.p95_s;
//  - 100 silent ones (Facebook PASSWORD_CHANGED, Google ACCESS_REVOKED) found only by asking:
//    50 through recheckIntegration's road (services.checks.recheck) → detect.recheck_p50_s / _p95_s,
//    50 through a check request to the monitor (what a webhook or a host-reported failure triggers:
//    NOTIFY → sweep → pg-boss job → provider) → detect.requested_p50_s / _p95_s.
// Latency = sandbox event (just before the control call) → status change committed (StatusBus notice).
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { benchEnv, freshDatabase, loadApi, print, root, sleep } from '../lib/setup.mjs';

const PER_GROUP = Number(process.env.RELINK_BENCH_DETECT_PER_GROUP ?? 50);

const api = await loadApi();
const { createApp } = await import(root + 'apps/api/dist/app.js');

const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const p = probe.address().port;
    probe.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const config = api.config.loadConfig(benchEnv(base, { PORT: String(port) }));
const database = await freshDatabase(api, 'bench_detect');
const relink = await createApp(config, {
  database,
  monitor: { enabled: true, sweepIntervalMs: 5_000, pollingIntervalSeconds: 0.5 },
});
await new Promise((resolve) => relink.server.listen(port, '127.0.0.1', resolve));

async function control(path, body) {
  const res = await fetch(`${base}/sandbox/control${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`sandbox control ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

async function follow(url) {
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(next, { redirect: 'manual', headers: { accept: 'application/json' } });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.arrayBuffer();
      next = new URL(location, next).toString();
      continue;
    }
    return res.text();
  }
  throw new Error(`too many redirects from ${url}`);
}

/** One sandbox user with one ad account, connected to `tenantId` through the real OAuth flow. */
async function connect(tenantId, provider, index) {
  const user = await control('/users', { provider, name: `Detect ${provider} ${index}` });
  await control(`/users/${user.userId}/ad-accounts`, { name: `Detect account ${provider} ${index}` });
  const start = await relink.services.connections.startAuthorization({ tenantId, provider, kind: 'connect', actor: 'bench' });
  await follow(`${start.url}&login_hint=${encodeURIComponent(provider === 'GOOGLE' ? user.email : user.userId)}`);
  const { rows } = await database.executeSql(
    `SELECT i.id FROM integrations i JOIN provider_identities p ON p.id = i.identity_id WHERE p.external_user_id = $1 AND i.tenant_id = $2`,
    [user.userId, tenantId],
  );
  if (rows.length !== 1) throw new Error(`connecting ${provider} user ${user.userId} made ${rows.length} integrations`);
  return { userId: user.userId, integrationId: rows[0].id };
}

const changes = new Map();
const unsubscribe = relink.services.statusBus.subscribe((notice) => {
  if ((notice.status === 'REVOKED' || notice.status === 'EXPIRED') && !changes.has(notice.integrationId)) {
    changes.set(notice.integrationId, performance.now());
  }
});

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

async function latencies(targets) {
  const deadline = Date.now() + 60_000;
  while (targets.some((t) => !changes.has(t.integrationId)) && Date.now() < deadline) await sleep(20);
  const missed = targets.filter((t) => !changes.has(t.integrationId)).length;
  const seconds = targets.filter((t) => changes.has(t.integrationId)).map((t) => (changes.get(t.integrationId) - t.eventAt) / 1000);
  return { seconds, missed };
}

try {
  const { rows } = await database.executeSql(`INSERT INTO tenants (name) VALUES ('Detect bench') RETURNING id`);
  const tenantId = rows[0].id;
  const groups = { pushedFacebook: [], pushedGoogle: [], recheck: [], requested: [] };
  for (let i = 0; i < PER_GROUP; i++) {
    groups.pushedFacebook.push(await connect(tenantId, 'FACEBOOK', `p${i}`));
    groups.pushedGoogle.push(await connect(tenantId, 'GOOGLE', `p${i}`));
    groups.recheck.push(await connect(tenantId, i % 2 ? 'GOOGLE' : 'FACEBOOK', `r${i}`));
    groups.requested.push(await connect(tenantId, i % 2 ? 'GOOGLE' : 'FACEBOOK', `q${i}`));
  }
  console.log(`# connected ${4 * PER_GROUP} integrations through the OAuth flow`);

  // Pushed: the sandbox kills the tokens and sends its notice (the control call returns once it was answered).
  const pushed = [...groups.pushedFacebook.map((t) => ({ ...t, cause: 'APP_DEAUTHORIZED' })), ...groups.pushedGoogle.map((t) => ({ ...t, cause: 'SESSION_INVALIDATED' }))];
  for (const target of pushed) {
    target.eventAt = performance.now();
    await control(`/users/${target.userId}/invalidate`, { cause: target.cause });
  }
  const push = await latencies(pushed);

  // Silent: nothing is pushed; a recheck finds it.
  const silentCause = (provider) => (provider === 'FACEBOOK' ? 'PASSWORD_CHANGED' : 'ACCESS_REVOKED');
  const providerOf = async (id) => (await database.executeSql('SELECT provider FROM integrations WHERE id = $1', [id])).rows[0].provider;
  for (const target of groups.recheck) {
    target.eventAt = performance.now();
    await control(`/users/${target.userId}/invalidate`, { cause: silentCause(await providerOf(target.integrationId)) });
    await relink.services.checks.recheck(target.integrationId, 'bench');
  }
  const recheck = await latencies(groups.recheck);

  const requests = new api.checkRequests.CheckRequests(database);
  for (const target of groups.requested) {
    target.eventAt = performance.now();
    await control(`/users/${target.userId}/invalidate`, { cause: silentCause(await providerOf(target.integrationId)) });
    await requests.request([target.integrationId], 'host app reported a failing API call');
    // One at a time, as the pushed and rechecked ones are (each control call / recheck is awaited).
    const deadline = Date.now() + 30_000;
    while (!changes.has(target.integrationId) && Date.now() < deadline) await sleep(5);
  }
  const requested = await latencies(groups.requested);
  if (process.env.RELINK_BENCH_VERBOSE) console.log(groups.requested.map((t) => ((changes.get(t.integrationId) - t.eventAt) / 1000).toFixed(2)).join(" "));

  print('detect.pushed', pushed.length);
  print('detect.p50_s', quantile(push.seconds, 0.5).toFixed(3));
  print('detect.p95_s', quantile(push.seconds, 0.95).toFixed(3));
  print('detect.recheck_p50_s', quantile(recheck.seconds, 0.5).toFixed(3));
  print('detect.recheck_p95_s', quantile(recheck.seconds, 0.95).toFixed(3));
  print('detect.requested_p50_s', quantile(requested.seconds, 0.5).toFixed(3));
  print('detect.requested_p95_s', quantile(requested.seconds, 0.95).toFixed(3));
  print('detect.missed', push.missed + recheck.missed + requested.missed);
} finally {
  unsubscribe();
  await relink.close();
  await database.close();
}
