import { pino, type Logger } from 'pino';
import type { RunMode } from './config.js';

export function createLogger(mode: RunMode): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    redact: { paths: ['*.accessToken', '*.refreshToken', '*.secret', 'req.headers.authorization'], censor: '[secret]' },
  });
}
