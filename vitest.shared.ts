import { createRequire } from 'node:module';
import type { ViteUserConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Workspace packages resolve to their TypeScript sources under test (the `@relink/source`
 * export condition), so a change in one package is seen by the next without a rebuild.
 * graphql is pinned to one copy: two copies break type-graphql ("another module or realm").
 */
const conditions = ['@relink/source', 'module', 'node', 'development|production'];

export const sharedConfig: ViteUserConfig = {
  resolve: {
    conditions,
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql', { paths: [process.cwd()] }) }],
  },
  ssr: { resolve: { conditions, externalConditions: ['@relink/source'] } },
  test: {
    // The JSON report feeds the one closing line of `pnpm test` (scripts/test.mjs).
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-report.json' }]],
  },
};
