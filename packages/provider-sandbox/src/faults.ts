import type { NextFunction, Request, Response } from 'express';
import type { SandboxProvider } from './options.js';
import { send, type ProviderResponse } from './shared/http.js';

export const FAULT_KINDS = ['http500', 'timeout', 'rateLimit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(value: unknown): value is FaultKind {
  return typeof value === 'string' && (FAULT_KINDS as readonly string[]).includes(value);
}

/** Queued transient faults: the next `count` provider API calls of a provider fail that way. */
export interface FaultQueue {
  add(provider: SandboxProvider, kind: FaultKind, count: number): number;
  take(provider: SandboxProvider): FaultKind | undefined;
  pending(provider: SandboxProvider): FaultKind[];
  clear(): void;
  /** Requests held open by `timeout` faults. */
  held: Set<Request>;
}

export function createFaultQueue(): FaultQueue {
  const queues: Record<SandboxProvider, FaultKind[]> = { FACEBOOK: [], GOOGLE: [] };
  return {
    add(provider, kind, count) {
      for (let i = 0; i < count; i += 1) queues[provider].push(kind);
      return queues[provider].length;
    },
    take: (provider) => queues[provider].shift(),
    pending: (provider) => [...queues[provider]],
    clear() {
      queues.FACEBOOK = [];
      queues.GOOGLE = [];
    },
    held: new Set(),
  };
}

/**
 * Middleware for one provider's API routes: takes the next queued fault, if any, and answers with
 * it. `timeout` holds the request open until the client gives up, or `holdMs`, then drops the socket.
 */
export function faultMiddleware(
  provider: SandboxProvider,
  faults: FaultQueue,
  holdMs: number,
  render: (kind: 'http500' | 'rateLimit', req: Request) => ProviderResponse,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const kind = faults.take(provider);
    if (!kind) return next();
    if (kind !== 'timeout') return send(res, render(kind, req));
    faults.held.add(req);
    const timer = setTimeout(() => req.socket.destroy(), holdMs);
    res.on('close', () => {
      clearTimeout(timer);
      faults.held.delete(req);
    });
  };
}
