import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/** Unit tests of the console's pure parts (routes, formatting, chart layout); the browser tests live in apps/api. */
export default mergeConfig(sharedConfig, defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
}));
