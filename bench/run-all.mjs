// `pnpm bench`: runs every benchmark in turn and passes their `name: value` lines through.
// RELINK_BENCH_QUICK=1 scales each one down to about a minute.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const benches = [
  ['widget size', 'packages/widget/scripts/size.mjs'],
  ['sweep', 'bench/sweep/run.mjs'],
  ['detect', 'bench/detect/run.mjs'],
  ['faults', 'bench/faults/run.mjs'],
  ['read', 'bench/read/run.mjs'],
];
let failed = 0;
for (const [name, script] of benches) {
  if (!existsSync(root + script)) {
    console.log(`# ${name}: not present (${script})`);
    continue;
  }
  console.log(`# ${name}`);
  const run = spawnSync(process.execPath, [root + script], { cwd: root, stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    failed++;
    console.log(`# ${name}: exited ${run.status}`);
  }
}
process.exit(failed ? 1 : 0);
