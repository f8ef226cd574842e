import type { ApiEndpoint } from './api-endpoint.js';
import { STATUS_SUBSCRIPTION } from './queries.js';
import { RelinkError, errorCodeFromCloseCode, errorCodeFromGraphQL } from './relink-error.js';

export interface LiveUpdatesOptions {
  endpoint: ApiEndpoint;
  /** Milliseconds between refetches while WebSockets are unavailable. */
  pollIntervalMs: number;
  /** One `integrationStatusChanged` payload, unparsed. */
  onIntegration(value: unknown): void;
  /** Refetch everything: after a reconnect (events may have been missed) and on each poll. */
  onResync(): void;
  /** The server refused the subscription (close 4401/4403 or a subscribe `error`): no more reconnects, polling goes on. */
  onRefused(error: RelinkError): void;
}

/** Randomised exponential backoff: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffMs(retries: number, random: () => number = Math.random): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(retries, 5)) * (0.5 + random() / 2);
}

/** Milliseconds between client pings; a ping still unanswered at the next one drops the socket. */
export const PING_MS = 15_000;

/** One graphql-transport-ws message (the fields the widget reads). */
interface Message {
  type?: string;
  id?: string;
  payload?: { data?: { integrationStatusChanged?: unknown } | null; errors?: unknown[] } | Array<{ message?: string; extensions?: { code?: unknown } }>;
}

/**
 * `integrationStatusChanged` over the graphql-transport-ws protocol (graphql-ws), hand-rolled:
 * `connection_init` with `{ authorization }`, `connection_ack`, one `subscribe`, `next`/`error`/
 * `complete`, `ping`/`pong` both ways. Any other close reconnects with backoff for ever; while
 * disconnected it polls through `onResync` every `pollIntervalMs`, so a network that blocks
 * WebSockets still sees changes. Close 4401/4403 or a subscribe `error` end the reconnects
 * (`onRefused`); polling goes on until `stop()` (HTTP may still be allowed, or say why not).
 */
export class LiveUpdates {
  #socket: WebSocket | null = null;
  #running = false;
  #refused = false;
  #retries = 0;
  #everLive = false;
  #awaitingPong = false;
  #poll: ReturnType<typeof setInterval> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: LiveUpdatesOptions) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#open();
  }

  stop(): void {
    this.#running = false;
    clearInterval(this.#poll);
    this.#poll = undefined;
    this.#drop();
  }

  #open(): void {
    const { endpoint, onIntegration, onResync } = this.options;
    let socket: WebSocket;
    try {
      socket = new WebSocket(endpoint.wsUrl, 'graphql-transport-ws');
    } catch {
      this.#lost();
      return;
    }
    this.#socket = socket;
    const send = (message: Message | { type: string; payload?: unknown }): void => socket.send(JSON.stringify(message));
    socket.onopen = () => send({ type: 'connection_init', payload: { authorization: `Bearer ${endpoint.token}` } });
    socket.onmessage = (event: MessageEvent) => {
      let message: Message;
      try {
        message = JSON.parse(String(event.data)) as Message;
      } catch {
        message = {};
      }
      const payload = message.payload;
      switch (message.type) {
        case 'connection_ack': {
          const resync = this.#everLive || this.#poll !== undefined;
          this.#everLive = true;
          this.#retries = 0;
          clearInterval(this.#poll);
          this.#poll = undefined;
          send({ id: '1', type: 'subscribe', payload: { query: STATUS_SUBSCRIPTION } });
          this.#timer = setInterval(() => {
            if (this.#awaitingPong) return this.#lost();
            this.#awaitingPong = true;
            send({ type: 'ping' });
          }, PING_MS);
          if (resync) onResync();
          break;
        }
        case 'ping':
          send({ type: 'pong' });
          break;
        case 'pong':
          this.#awaitingPong = false;
          break;
        case 'next': {
          const value = Array.isArray(payload) ? null : payload?.data?.integrationStatusChanged;
          if (value) onIntegration(value);
          else onResync(); // an execution error: HTTP says what is wrong
          break;
        }
        case 'error': {
          const first = Array.isArray(payload) ? payload[0] : undefined;
          this.#refuse(new RelinkError(errorCodeFromGraphQL(first?.extensions?.code), first?.message ?? 'Relink refused the subscription.'));
          break;
        }
        default: // `complete` (the server ended it) or a message outside the protocol: start over
          this.#lost();
      }
    };
    socket.onclose = (event: CloseEvent) => {
      if (socket !== this.#socket) return;
      const refused = errorCodeFromCloseCode(event.code);
      if (refused) this.#refuse(new RelinkError(refused, `Relink refused live updates (close ${event.code}${event.reason ? `: ${event.reason}` : ''}).`));
      else this.#lost();
    };
  }

  /** Closes the current socket (if any) without reacting to its close. */
  #drop(): void {
    const socket = this.#socket;
    this.#socket = null;
    clearInterval(this.#timer);
    this.#awaitingPong = false;
    socket?.close(1000);
  }

  /** Not connected: poll meanwhile, reconnect after a backoff. */
  #lost(): void {
    this.#drop();
    if (!this.#running) return;
    this.#poll ??= setInterval(() => this.options.onResync(), this.options.pollIntervalMs);
    if (!this.#refused) this.#timer = setTimeout(() => this.#open(), backoffMs(this.#retries++));
  }

  #refuse(error: RelinkError): void {
    this.#refused = true;
    this.#lost();
    this.options.onRefused(error);
  }
}
