import { createClient, type Client } from 'graphql-ws';
import { STATUS_CHANGED_SUBSCRIPTION } from './operations.js';
import type { StatusChange } from './types.js';

/** `live`: subscribed; `reconnecting`: the socket dropped and is being reopened; `off`: stopped or refused. */
export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'off';

export interface LiveUpdatesOptions {
  /** ws:// or wss:// URL of the GraphQL endpoint. */
  url: string;
  token(): string | null;
  onChange(change: StatusChange): void;
  onState(state: LiveState): void;
  /** After a reconnect: changes may have been missed, so views should refetch. */
  onResync(): void;
  /** The server refused the token (close 4401/4403 or UNAUTHENTICATED). */
  onUnauthenticated(): void;
}

function closeCode(event: unknown): number | null {
  return typeof event === 'object' && event !== null && typeof (event as { code?: unknown }).code === 'number' ? (event as { code: number }).code : null;
}

const REFUSED = new Set([4401, 4403]);

/** `integrationStatusChanged` over graphql-ws with the staff token in `connectionParams`, reconnecting with backoff. */
export class LiveUpdates {
  private client: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private connectedBefore = false;

  constructor(private readonly options: LiveUpdatesOptions) {}

  start(): void {
    if (this.client) return;
    this.options.onState('connecting');
    this.client = createClient({
      url: this.options.url,
      connectionParams: () => ({ authorization: `Bearer ${this.options.token() ?? ''}` }),
      lazy: false,
      onNonLazyError: () => undefined,
      keepAlive: 15_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: (event) => !REFUSED.has(closeCode(event) ?? 0),
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(retries, 5)))),
      on: {
        connected: () => {
          this.options.onState('live');
          if (this.connectedBefore) this.options.onResync();
          this.connectedBefore = true;
        },
        closed: (event) => {
          if (!this.client) return;
          if (REFUSED.has(closeCode(event) ?? 0)) {
            this.options.onState('off');
            this.options.onUnauthenticated();
          } else {
            this.options.onState('reconnecting');
          }
        },
      },
    });
    this.unsubscribe = this.client.subscribe<{ integrationStatusChanged: StatusChange }>(
      { query: STATUS_CHANGED_SUBSCRIPTION },
      {
        next: (result) => {
          const code = result.errors?.[0]?.extensions?.['code'];
          if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
            this.options.onUnauthenticated();
            return;
          }
          const change = result.data?.integrationStatusChanged;
          if (change) this.options.onChange(change);
        },
        error: () => this.options.onState('off'),
        complete: () => undefined,
      },
    );
  }

  stop(): void {
    const client = this.client;
    this.client = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.connectedBefore = false;
    void client?.dispose();
    this.options.onState('off');
  }
}
