import { createClient, type Client } from 'graphql-ws/client';
import type { ApiEndpoint } from './api-endpoint.js';
import { STATUS_SUBSCRIPTION } from './queries.js';
import { RelinkError, errorCodeFromCloseCode, errorCodeFromGraphQL } from './relink-error.js';

/** `live`: subscribed over graphql-ws; `polling`: WebSockets unavailable, refetching on a timer. */
export type LiveMode = 'connecting' | 'live' | 'polling' | 'stopped';

export interface LiveUpdatesOptions {
  endpoint: ApiEndpoint;
  /** Milliseconds between refetches while WebSockets are unavailable. */
  pollIntervalMs: number;
  /** One `integrationStatusChanged` payload, unparsed. */
  onIntegration(value: unknown): void;
  /** Refetch everything: after a (re)connect (events may have been missed) and on each poll. */
  onResync(): void;
  /** The server refused the subscription (close 4401/4403 or a GraphQL error); live updates stop. */
  onRefused(error: RelinkError): void;
  onModeChange?(mode: LiveMode): void;
}

const MAX_BACKOFF_MS = 30_000;

/** Randomised exponential backoff: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(retries: number, random: () => number = Math.random): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(retries, 5)) * (0.5 + random() / 2);
}

function closeCode(value: unknown): number | null {
  if (typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number') {
    return (value as { code: number }).code;
  }
  return null;
}

/**
 * Subscribes to `integrationStatusChanged` over graphql-ws (`connectionParams.authorization`),
 * reconnecting with backoff for ever; while not connected it polls through `onResync` every
 * `pollIntervalMs`, so a network that blocks WebSockets still sees changes.
 */
export class LiveUpdates {
  private client: Client | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private everConnected = false;
  private currentMode: LiveMode = 'stopped';

  constructor(private readonly options: LiveUpdatesOptions) {}

  get mode(): LiveMode {
    return this.currentMode;
  }

  start(): void {
    if (this.client) return;
    const { endpoint } = this.options;
    this.setMode('connecting');
    this.client = createClient({
      url: endpoint.wsUrl,
      connectionParams: () => ({ authorization: `Bearer ${endpoint.token}` }),
      lazy: false,
      onNonLazyError: () => undefined, // reported through the subscription's sink
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: (event) => {
        const code = closeCode(event);
        return code === null || errorCodeFromCloseCode(code) === null;
      },
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffMs(retries))),
      on: {
        connected: () => this.connected(),
        closed: (event) => this.closed(event),
      },
    });
    this.client.subscribe(
      { query: STATUS_SUBSCRIPTION },
      {
        next: (result) => {
          if (result.errors?.length) {
            const first = result.errors[0];
            this.refuse(new RelinkError(errorCodeFromGraphQL(first?.extensions?.['code']), first?.message ?? 'Subscription refused.'));
            return;
          }
          const value = (result.data as Record<string, unknown> | null | undefined)?.integrationStatusChanged;
          if (value !== undefined && value !== null) this.options.onIntegration(value);
        },
        error: (error: unknown) => {
          const code = closeCode(error);
          const mapped = code === null ? null : errorCodeFromCloseCode(code);
          if (mapped) {
            const reason = (error as { reason?: unknown }).reason;
            this.refuse(new RelinkError(mapped, `Relink refused live updates (close ${code}${typeof reason === 'string' && reason ? `: ${reason}` : ''}).`));
          } else if (Array.isArray(error)) {
            const first = error[0] as { message?: string; extensions?: { code?: unknown } } | undefined;
            this.refuse(new RelinkError(errorCodeFromGraphQL(first?.extensions?.code), first?.message ?? 'Subscription refused.'));
          } else {
            this.startPolling();
          }
        },
        complete: () => {
          if (this.currentMode !== 'stopped') this.startPolling();
        },
      },
    );
  }

  stop(): void {
    this.stopPolling();
    const client = this.client;
    this.client = null;
    this.setMode('stopped');
    void client?.dispose();
  }

  private connected(): void {
    if (!this.client) return;
    const resync = this.everConnected || this.pollTimer !== null;
    this.everConnected = true;
    this.stopPolling();
    this.setMode('live');
    if (resync) this.options.onResync();
  }

  private closed(event: unknown): void {
    if (!this.client) return;
    const code = closeCode(event);
    if (code !== null && errorCodeFromCloseCode(code) !== null) return; // handled by the sink's error
    this.startPolling();
  }

  private refuse(error: RelinkError): void {
    if (!this.client) return;
    this.stop();
    this.options.onRefused(error);
  }

  private startPolling(): void {
    if (!this.client) return;
    this.setMode('polling');
    if (this.pollTimer !== null) return;
    this.pollTimer = setInterval(() => this.options.onResync(), this.options.pollIntervalMs);
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private setMode(mode: LiveMode): void {
    if (mode === this.currentMode) return;
    this.currentMode = mode;
    this.options.onModeChange?.(mode);
  }
}
