// Runs every package's tests through turbo, then prints one closing line over all of them
// ("tests: N passed, N failed"), read from the JSON report each package's Vitest writes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = ['packages/core', 'packages/db', 'packages/provider-sandbox', 'packages/widget', 'apps/api', 'apps/admin'];
const reportOf = (ws) => join(root, ws, 'test-artifacts', 'vitest-report.json');
for (const ws of workspaces) rmSync(reportOf(ws), { force: true });

const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const ws of workspaces) {
  const file = reportOf(ws);
  if (!existsSync(file)) {
    missing.push(ws);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A file that failed without any failing test (it crashed while loading) counts as one failure.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) failed += 1;
  }
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (missing.length) console.error(`test: no report from ${missing.join(', ')} (did its tests run?)`);
const ok = turbo.status === 0 && failed === 0 && missing.length === 0;
if (!ok && failed === 0) failed = 1; // a crashed or missing run is a failure even if no single test reported one
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
