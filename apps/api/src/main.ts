import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { seedDemoData } from './demo/seedDemoData.js';

function readPersistedSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'dev-secrets.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

async function main(): Promise<void> {
  const dataDir = process.env.RELINK_DATA_DIR || '.relink';
  const persisted = process.env.NODE_ENV === 'production' ? {} : readPersistedSecrets(dataDir);
  const config = loadConfig(process.env, persisted);
  if (Object.keys(config.generated).length > 0) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, 'dev-secrets.json'), JSON.stringify({ ...persisted, ...config.generated }, null, 2), { mode: 0o600 });
    console.log(`Generated dev settings (kept in ${join(config.dataDir, 'dev-secrets.json')}):`);
    for (const [name, value] of Object.entries(config.generated)) console.log(`  ${name}=${value}`);
  }
  // `pnpm start` runs one monitor worker in-process; more run as `node dist/worker.js` anywhere.
  const relink = await createApp(config, { monitor: { enabled: process.env.RELINK_MONITOR !== 'off' } });
  await new Promise<void>((resolve) => relink.server.listen(config.port, resolve));
  const base = config.publicUrl;
  console.log(`Relink is serving on ${base} (${relink.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  console.log(`  GraphQL   ${base}/graphql`);
  console.log(`  Health    ${base}/healthz`);
  console.log(`  Monitor   ${relink.monitor ? 'running in this process (more workers: node apps/api/dist/worker.js)' : 'off (RELINK_MONITOR=off)'}`);
  for (const [name, p] of [['Facebook', config.facebook], ['Google', config.google]] as const) {
    console.log(`  ${name.padEnd(9)} ${p.mode === 'sandbox' ? `sandbox at ${base}/sandbox/${name.toLowerCase()}` : p.mode}`);
  }
  if (config.adminToken && !config.generated.RELINK_ADMIN_TOKEN) console.log('  Staff token: from RELINK_ADMIN_TOKEN');
  console.log(`  Console   ${base}/admin/ (sign in with the staff token)`);
  console.log(`  Widget    ${base}/widget/relink-banner.js`);
  if (config.mode !== 'production') console.log(`  Demo      ${base}/demo/ (a host page with the banner and the sandbox's invalidate buttons)`);
  if (config.mode === 'development' && process.env.RELINK_DEMO !== 'off') {
    // First run on an empty database: a demo dataset so the console has something to show.
    try {
      const demo = await seedDemoData(relink.services);
      if (demo.seeded) {
        console.log(`Seeded a demo dataset (${demo.integrationCount} integrations, 90 days of history; RELINK_DEMO=off skips it). Tenant API keys, shown once:`);
        for (const tenant of demo.tenants) console.log(`  ${tenant.name.padEnd(22)} ${tenant.apiKey}`);
      }
    } catch (error) {
      console.error('relink: the demo dataset could not be seeded (the server keeps running):', error instanceof Error ? error.message : error);
    }
  }
  const stop = async () => {
    await relink.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`relink: ${error.message}`);
  } else {
    console.error('relink: failed to start:', error);
  }
  process.exit(1);
});
