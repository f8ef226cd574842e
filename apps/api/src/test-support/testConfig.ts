import { loadConfig, type Config } from '../config.js';

/** A development-shaped config for in-process tests; secrets generated fresh per call. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', ...overrides });
}
