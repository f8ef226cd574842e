import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the one-file widget bundle from the current sources with the package's own Vite config
 * into a fresh temporary folder (so tests exercise exactly what ships) and returns its path.
 */
export async function buildWidgetBundle(outDir?: string): Promise<string> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'relink-widget-')));
  await build({
    root: packageRoot,
    configFile: join(packageRoot, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  return join(dir, 'relink-banner.js');
}
