import type { Logger } from 'pino';
import type { Viewer } from './viewer.js';
import type { Services } from '../services/services.js';

export interface RequestContext {
  viewer: Viewer;
  services: Services;
  log: Logger;
}
