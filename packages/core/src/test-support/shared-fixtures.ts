import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file of `shared/fixtures/`: a real provider answer and what `classifyProviderResponse` must make of it. */
export interface SharedFixture {
  file: string;
  provider: string;
  source: string;
  request: string;
  status: number | null;
  body: unknown;
  headers?: Record<string, string>;
  expect: Record<string, unknown>;
  context?: { now?: string; requiredScopes?: string[] };
}

/**
 * The repository root: the nearest folder above this file holding pnpm-workspace.yaml.
 * `shared/` sits beside the repository (here /work/shared next to /work/main; in CI next to the clone).
 */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${fileURLToPath(import.meta.url)}: cannot locate the repository root`);
    dir = parent;
  }
  return dir;
}

export function sharedFixturesDir(): string {
  const override = process.env['RELINK_SHARED_DIR'];
  return override ? resolve(override, 'fixtures') : resolve(repositoryRoot(), '..', 'shared', 'fixtures');
}

/** Every fixture, read from disk now. Throws (failing the suite) when the folder is missing or empty. */
export function loadSharedFixtures(): SharedFixture[] {
  const dir = sharedFixturesDir();
  if (!existsSync(dir)) {
    throw new Error(`Shared fixtures folder not found at ${dir}: shared/ must sit beside the repository (or set RELINK_SHARED_DIR)`);
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`No *.json fixtures in ${dir}`);
  return files.map((file) => {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<SharedFixture, 'file'>;
    return { file, ...parsed };
  });
}
