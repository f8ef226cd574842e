// Shared set-up for the monitor benchmarks: build check, the standalone sandbox, token minting,
// seeding by multi-row INSERT, peak RSS. Plain Node (no Vitest); imports the workspace packages' dist.
import { fork, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const root = new URL('../../', import.meta.url).pathname;
export const QUICK = process.env.RELINK_BENCH_QUICK === '1';
export const DATABASE_URL = process.env.RELINK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const FACEBOOK_APP = { appId: '1000000000000042', appSecret: randomBytes(16).toString('hex') };
export const GOOGLE_APP = { clientId: '100000000042-bench.apps.googleusercontent.com', clientSecret: `GOCSPX-${randomBytes(12).toString('hex')}` };

/** `name: value` — the one output format of every bench. */
export function print(name, value) {
  console.log(`${name}: ${value}`);
}

/** Everything below imports dist: build it once if it is missing. */
export function ensureBuilt() {
  const needed = ['apps/api/dist/monitor/startWorker.js', 'packages/db/dist/index.js', 'packages/provider-sandbox/dist/main.js'];
  if (needed.every((file) => existsSync(root + file))) return;
  console.log('# building @relink/api and its dependencies (dist missing)');
  const run = spawnSync('npx', ['pnpm', 'turbo', 'run', 'build', '--filter=@relink/api...', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('build failed');
}

export async function loadApi() {
  ensureBuilt();
  // RELINK_BENCH_API_DIST: another build of @relink/api to compare (e.g. a patched copy), default its dist.
  const api = (file) => import(root + (process.env.RELINK_BENCH_API_DIST ?? 'apps/api/dist/') + file);
  const requireFromApi = createRequire(root + 'apps/api/package.json');
  return {
    db: await import(root + 'packages/db/dist/index.js'),
    sandbox: await import(root + 'packages/provider-sandbox/dist/index.js'),
    config: await api('config.js'),
    logger: await api('logger.js'),
    services: await api('services/services.js'),
    startWorker: (await api('monitor/startWorker.js')).startWorker,
    checkRequests: await api('monitor/CheckRequests.js'),
    createBoss: await api('monitor/createBoss.js'),
    pg: requireFromApi('pg'),
  };
}

/** Runs the provider sandbox as its own process (so our RSS is ours alone); resolves with its URL. */
export async function startSandboxProcess(extraEnv = {}) {
  const child = spawn(process.execPath, [root + 'packages/provider-sandbox/dist/main.js'], {
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      FACEBOOK_APP_ID: FACEBOOK_APP.appId,
      FACEBOOK_APP_SECRET: FACEBOOK_APP.appSecret,
      GOOGLE_CLIENT_ID: GOOGLE_APP.clientId,
      GOOGLE_CLIENT_SECRET: GOOGLE_APP.clientSecret,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /provider sandbox at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it started`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    async close() {
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}

/** Runs `worker(i)` for i in [0, count) with at most `concurrency` at once. */
export async function pool(count, concurrency, worker) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      await worker(i);
    }
  });
  await Promise.all(lanes);
}

async function json(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`expected JSON, got HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** Sandbox users through the control API. */
export async function createSandboxUsers(sandboxUrl, provider, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${sandboxUrl}/control/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider, name: `Bench User ${i}` }),
    });
    const body = await json(res);
    if (!body.userId) throw new Error(`sandbox refused a user: ${JSON.stringify(body)}`);
    ids.push(body.userId);
  }
  return ids;
}

/** A real long-lived Facebook user token: dialog (login_hint) → code → token → fb_exchange_token. */
export async function mintFacebookToken(sandboxUrl, userId) {
  const base = `${sandboxUrl}/facebook/v19.0`;
  const redirect = 'http://127.0.0.1:9/callback';
  const q = new URLSearchParams({ client_id: FACEBOOK_APP.appId, redirect_uri: redirect, scope: 'email,ads_read,ads_management', login_hint: userId, state: 'b' });
  const dialog = await fetch(`${base}/dialog/oauth?${q}`, { redirect: 'manual' });
  const code = new URL(dialog.headers.get('location')).searchParams.get('code');
  if (!code) throw new Error(`no code from the sandbox dialog (HTTP ${dialog.status})`);
  const short = await json(
    await fetch(`${base}/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: FACEBOOK_APP.appId, client_secret: FACEBOOK_APP.appSecret, redirect_uri: redirect, code }),
    }),
  );
  const q2 = new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: FACEBOOK_APP.appId, client_secret: FACEBOOK_APP.appSecret, fb_exchange_token: short.access_token });
  const long = await json(await fetch(`${base}/oauth/access_token?${q2}`));
  if (!long.access_token) throw new Error(`no long-lived token: ${JSON.stringify(long)}`);
  return long.access_token;
}

/** One plain `GET /debug_token` exactly as the API's Graph client sends it (app token + appsecret_proof). */
/** The bench app's Graph app token and its appsecret_proof. */
function facebookAppToken() {
  const appToken = `${FACEBOOK_APP.appId}|${FACEBOOK_APP.appSecret}`;
  return { appToken, proof: createHmac('sha256', FACEBOOK_APP.appSecret).update(appToken).digest('hex') };
}

export function plainDebugToken(sandboxUrl) {
  const { appToken, proof } = facebookAppToken();
  return async (token) => {
    const url = `${sandboxUrl}/facebook/v19.0/debug_token?input_token=${encodeURIComponent(token)}&appsecret_proof=${proof}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${appToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    const body = await res.json();
    if (!body?.data?.is_valid) throw new Error(`plain debug_token: unexpected answer ${JSON.stringify(body).slice(0, 200)}`);
  };
}

/**
 * What the connect flow would have stored for each token: its expiry and its data access expiry, as
 * the sandbox's debug_token reports them (Graph batches of 50). Seeds carry them, so a check finds
 * them unchanged, as it does for any integration connected through OAuth.
 */
export async function tokenExpiries(sandboxUrl, tokens) {
  const { appToken, proof } = facebookAppToken();
  const result = new Array(tokens.length);
  const chunks = Math.ceil(tokens.length / 50);
  await pool(chunks, 8, async (c) => {
    const chunk = tokens.slice(c * 50, c * 50 + 50);
    const batch = JSON.stringify(chunk.map((token) => ({ method: 'GET', relative_url: `debug_token?input_token=${encodeURIComponent(token)}` })));
    const res = await fetch(`${sandboxUrl}/facebook/v19.0/`, { method: 'POST', body: new URLSearchParams({ access_token: appToken, appsecret_proof: proof, batch }) });
    const items = await res.json();
    if (!Array.isArray(items)) throw new Error(`debug_token batch: unexpected answer ${JSON.stringify(items).slice(0, 200)}`);
    items.forEach((item, i) => {
      const data = JSON.parse(item.body).data;
      const at = (seconds) => (seconds ? new Date(seconds * 1000).toISOString() : null);
      result[c * 50 + i] = { tokenExpiresAt: at(data.expires_at), dataAccessExpiresAt: at(data.data_access_expires_at) };
    });
  });
  return result;
}

/** Config for the bench's API services: sandbox mode, the sandbox's origin as public URL (its URLs live under /sandbox). */
export function benchConfig(api, sandboxOrigin, extra = {}) {
  return api.config.loadConfig(benchEnv(sandboxOrigin, extra));
}

/** The environment behind `benchConfig` (hand it to a worker process so it decrypts the same tokens). */
export function benchEnv(sandboxOrigin, extra = {}) {
  return {
    NODE_ENV: 'test',
    RELINK_PUBLIC_URL: sandboxOrigin,
    RELINK_DATABASE_URL: DATABASE_URL,
    RELINK_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    RELINK_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    RELINK_SANDBOX_FACEBOOK_APP_ID: FACEBOOK_APP.appId,
    RELINK_SANDBOX_FACEBOOK_APP_SECRET: FACEBOOK_APP.appSecret,
    RELINK_SANDBOX_GOOGLE_CLIENT_ID: GOOGLE_APP.clientId,
    RELINK_SANDBOX_GOOGLE_CLIENT_SECRET: GOOGLE_APP.clientSecret,
    ...extra,
  };
}

/**
 * A monitor worker in its own process (as `node apps/api/dist/worker.js` would run), so its peak RSS
 * is its own. `sweep()` wakes its sweep; `stats()` reads its counters; `stop()` resolves with its peak
 * RSS (MB) and counters.
 */
export async function startWorkerProcess(env, schema, options = {}) {
  const child = fork(new URL('./workerChild.mjs', import.meta.url).pathname, [], {
    env: { ...process.env, BENCH_CONFIG_ENV: JSON.stringify(env), BENCH_SCHEMA: schema, BENCH_WORKER_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`bench worker exited with ${code} while waiting for "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  await next('ready');
  return {
    sweep: () => child.send({ type: 'sweep' }),
    /** The monitor's counters now (asked over IPC: no query that would load the database being measured). */
    async stats() {
      const reply = next('stats');
      child.send({ type: 'stats' });
      return (await reply).stats;
    },
    async stop() {
      const stopped = next('stopped');
      child.send({ type: 'stop' });
      return stopped;
    },
    kill: () => child.exitCode === null && child.kill('SIGKILL'),
  };
}

/** A fresh schema (and its pg-boss schema) for one bench run. */
export async function freshDatabase(api, schema) {
  const client = new api.pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_pgboss" CASCADE`);
  } finally {
    await client.end();
  }
  return api.db.createDatabase({ url: DATABASE_URL, schema });
}

async function insertRows(database, table, columns, rows, chunk = 1000) {
  const ids = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values = [];
    const tuples = part.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
    for (const row of part) values.push(...row);
    const result = await database.executeSql(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} RETURNING id`, values);
    ids.push(...result.rows.map((r) => r.id));
  }
  return ids;
}

/**
 * Seeds `count` Facebook integrations across count / perTenant tenants by multi-row INSERT:
 * identities (one per sandbox user), one credential per integration holding real token
 * `tokens[i % tokens.length]` (encrypted with the config's key), integrations due from `nextCheckAt`
 * on, one millisecond apart, so a claim (at most 1,000 consecutive rows) never carries a token twice
 * while tokens.length ≥ 1,000.
 */
export async function seedFacebook(api, database, config, { count, tokens, tokenUsers, users, perTenant = 10, nextCheckAt, expiries }) {
  const tokenOf = (i) => tokens[i % tokens.length];
  const userOf = (i) => tokenUsers[i % tokens.length];
  const cipher = api.db.TokenCipher.fromSpec(config.encryptionKeys);
  const tenantCount = Math.ceil(count / perTenant);
  const tenantIds = await insertRows(database, 'tenants', ['name'], Array.from({ length: tenantCount }, (_, i) => [`Bench tenant ${i}`]));
  const identityIds = await insertRows(database, 'provider_identities', ['provider', 'external_user_id', 'name'], users.map((u, i) => ['FACEBOOK', u, `Bench User ${i}`]));
  const identityOf = new Map(users.map((u, i) => [u, identityIds[i]]));
  const credentialRows = Array.from({ length: count }, (_, i) => {
    const secret = cipher.encrypt(tokenOf(i));
    return [tenantIds[Math.floor(i / perTenant)], identityOf.get(userOf(i)), 'FACEBOOK', 1, secret.ciphertext, secret.keyId, '{ads_read,ads_management,email}'];
  });
  const credentialIds = await insertRows(
    database,
    'credentials',
    ['tenant_id', 'identity_id', 'provider', 'version', 'access_token_ciphertext', 'access_token_key_id', 'scopes'],
    credentialRows,
  );
  const integrationRows = Array.from({ length: count }, (_, i) => [
    tenantIds[Math.floor(i / perTenant)],
    'FACEBOOK',
    `act_${100000000000 + i}`,
    `Bench account ${i}`,
    identityOf.get(userOf(i)),
    credentialIds[i],
    1,
    new Date(nextCheckAt.getTime() + i).toISOString(),
    expiries?.[i % tokens.length]?.tokenExpiresAt ?? null,
    expiries?.[i % tokens.length]?.dataAccessExpiresAt ?? null,
  ]);
  return insertRows(
    database,
    'integrations',
    ['tenant_id', 'provider', 'external_account_id', 'name', 'identity_id', 'credential_id', 'credential_version', 'next_check_at', 'token_expires_at', 'data_access_expires_at'],
    integrationRows,
  );
}

/** Samples process RSS every 100 ms; `stop()` returns the peak in MB. */
export function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/** Mints `count` tokens spread over `users` (one fresh token per integration), `concurrency` flows at once. */
export async function mintTokens(sandboxUrl, users, count, concurrency = 16) {
  const tokens = new Array(count);
  const tokenUsers = new Array(count);
  await pool(count, concurrency, async (i) => {
    const user = users[i % users.length];
    tokenUsers[i] = user;
    tokens[i] = await mintFacebookToken(sandboxUrl, user);
  });
  return { tokens, tokenUsers };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
