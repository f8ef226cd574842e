import pg from 'pg';
import type { Unlisten } from '../relink-database.js';

type Handler = (payload: string) => void;

const MAX_BACKOFF_MS = 30_000;

/**
 * LISTEN on real PostgreSQL through one dedicated `pg.Client` (never a pooled connection).
 * When the connection drops it reconnects with backoff and LISTENs again on every channel;
 * notifications sent while it was down are lost, so readers should re-read state after a gap.
 */
export class PostgresListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly listening = new Map<string, Promise<void>>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  async listen(channel: string, onPayload: Handler): Promise<Unlisten> {
    if (this.closed) throw new Error('Database is closed: cannot LISTEN');
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(onPayload);
    let ready = this.listening.get(channel);
    if (!ready) {
      ready = this.connected().then((client) => this.issue(client, 'LISTEN', channel));
      this.listening.set(channel, ready);
    }
    try {
      await ready;
    } catch (error) {
      this.listening.delete(channel);
      this.remove(channel, onPayload);
      throw error;
    }
    return () => this.unlisten(channel, onPayload);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.handlers.clear();
    this.listening.clear();
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }

  private async unlisten(channel: string, onPayload: Handler): Promise<void> {
    if (!this.remove(channel, onPayload)) return;
    this.listening.delete(channel);
    const client = this.client;
    if (client && !this.closed) await this.issue(client, 'UNLISTEN', channel).catch(() => {});
  }

  /** Drops one handler; true when the channel has none left. */
  private remove(channel: string, onPayload: Handler): boolean {
    const set = this.handlers.get(channel);
    if (!set) return false;
    set.delete(onPayload);
    if (set.size > 0) return false;
    this.handlers.delete(channel);
    return true;
  }

  private async issue(client: pg.Client, command: 'LISTEN' | 'UNLISTEN', channel: string): Promise<void> {
    await client.query(`${command} ${client.escapeIdentifier(channel)}`);
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    if (!this.connecting) {
      this.connecting = this.open().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: this.applicationName,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    if (this.closed) {
      await client.end().catch(() => {});
      throw new Error('Database is closed: cannot LISTEN');
    }
    this.client = client;
    this.attempts = 0;
    return client;
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening.clear();
    client.end().catch(() => {});
    if (this.closed) return;
    if (error) this.onError(new Error(`LISTEN connection lost, reconnecting: ${error.message}`));
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.handlers.size === 0) return;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    try {
      const client = await this.connected();
      for (const channel of this.handlers.keys()) {
        const ready = this.issue(client, 'LISTEN', channel);
        this.listening.set(channel, ready);
        await ready;
      }
    } catch (error) {
      this.onError(new Error(`LISTEN reconnect failed: ${error instanceof Error ? error.message : String(error)}`));
      if (this.client) this.lost(this.client);
      else this.scheduleReconnect();
    }
  }
}
