import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWidgetBundle } from '../test-support/widget-bundle.js';

// The budget: the one-file bundle, Lit included, at most 14 KB gzipped. The bundle is
// built from the current sources (about a second) so a change that breaks the budget fails here.

const script = fileURLToPath(new URL('../../scripts/size.mjs', import.meta.url));

function size(...args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  const gzip = /widget\.gzip_bytes: (\d+)/.exec(run.stdout)?.[1];
  return { status: run.status, gzipBytes: gzip === undefined ? null : Number(gzip), stderr: run.stderr };
}

describe('bundle size (scripts/size.mjs --check)', () => {
  it('keeps the built bundle within 14 KB gzipped', async () => {
    const bundle = await buildWidgetBundle();
    expect(existsSync(bundle)).toBe(true);
    const result = size('--check', bundle);
    expect(result.gzipBytes).toBeGreaterThan(10_000); // Lit alone is ~5.8 KB: a real bundle
    expect(result.gzipBytes).toBeLessThanOrEqual(14 * 1024);
    expect(result.status).toBe(0);
  });

  it('fails the check over the budget, and only with --check', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'relink-size-')), 'big.js');
    writeFileSync(file, randomBytes(20_000)); // incompressible
    const checked = size('--check', file);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toMatch(/over the 14336 B budget/);
    expect(size(file).status).toBe(0);
    expect(size('--check', join(tmpdir(), 'no-such-bundle.js')).status).toBe(1);
  });
});
