#!/usr/bin/env node
// Prints the gzip size of the embeddable bundle as `widget.gzip_bytes: N` (read by `pnpm bench`)
// with the budget; `--check` exits 1 when it is over the budget. Build first
// (`pnpm --filter @relink/widget build`), or pass another bundle's path: `size.mjs --check <file>`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const BUDGET_BYTES = 14 * 1024;
const args = process.argv.slice(2);
const bundle = args.find((arg) => !arg.startsWith('--')) ?? fileURLToPath(new URL('../dist/relink-banner.js', import.meta.url));

if (!existsSync(bundle)) {
  console.error(`widget size: ${bundle} is missing; run \`pnpm --filter @relink/widget build\` first.`);
  process.exit(1);
}
const source = readFileSync(bundle);
const gzipBytes = gzipSync(source, { level: constants.Z_BEST_COMPRESSION }).length;
console.log(`widget.raw_bytes: ${source.length}`);
console.log(`widget.gzip_bytes: ${gzipBytes}`);
console.log(`widget.gzip_budget_bytes: ${BUDGET_BYTES}`);
if (gzipBytes > BUDGET_BYTES) {
  console.error(`widget size: ${gzipBytes} B gzip is over the ${BUDGET_BYTES} B budget.`);
  if (args.includes('--check')) process.exitCode = 1;
}
