import type { Logger } from 'pino';
import type { Viewer } from './viewer.js';
import type { Services } from '../services/services.js';
import type { Loaders } from './loaders.js';

export interface RequestContext {
  viewer: Viewer;
  services: Services;
  log: Logger;
  /** Per-request DataLoaders (a fresh set per subscription event). */
  loaders: Loaders;
}
