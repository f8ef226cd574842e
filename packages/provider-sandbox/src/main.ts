import { startSandboxServer } from './startSandboxServer.js';

/**
 * Runs the sandbox on its own port: `node dist/main.js`. Settings from the environment:
 * SANDBOX_PORT (default 4100), SANDBOX_HOST (127.0.0.1), SANDBOX_SEED, FACEBOOK_APP_ID/_SECRET,
 * FACEBOOK_DEAUTHORIZE_URL, FACEBOOK_DATA_DELETION_URL, GOOGLE_CLIENT_ID/_SECRET, GOOGLE_RISC_URL,
 * GOOGLE_TESTING_MODE=1.
 */
const env = process.env;
const port = Number.parseInt(env.SANDBOX_PORT ?? '4100', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, got ${JSON.stringify(env.SANDBOX_PORT)}`);
  process.exit(1);
}
const seed = env.SANDBOX_SEED === undefined ? undefined : Number.parseInt(env.SANDBOX_SEED, 10);
const server = await startSandboxServer({
  port,
  host: env.SANDBOX_HOST ?? '127.0.0.1',
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
  facebook: {
    appId: env.FACEBOOK_APP_ID ?? '1000000000000001',
    appSecret: env.FACEBOOK_APP_SECRET ?? 'sandbox-facebook-app-secret',
    ...(env.FACEBOOK_DEAUTHORIZE_URL ? { deauthorizeCallbackUrl: env.FACEBOOK_DEAUTHORIZE_URL } : {}),
    ...(env.FACEBOOK_DATA_DELETION_URL ? { dataDeletionCallbackUrl: env.FACEBOOK_DATA_DELETION_URL } : {}),
  },
  google: {
    clientId: env.GOOGLE_CLIENT_ID ?? '100000000001-sandbox.apps.googleusercontent.com',
    clientSecret: env.GOOGLE_CLIENT_SECRET ?? 'GOCSPX-sandbox-client-secret',
    ...(env.GOOGLE_RISC_URL ? { riscReceiverUrl: env.GOOGLE_RISC_URL } : {}),
    testingMode: env.GOOGLE_TESTING_MODE === '1',
  },
});
console.log(`provider sandbox at ${server.url} (control: ${server.url}/control/users)`);
const stop = () => {
  server.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
