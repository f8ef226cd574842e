import type { RelinkDatabase, Unlisten } from '@relink/db';
import { STATUS_CHANNEL, parseStatusChangeNotice, type StatusChangeNotice } from './statusChannel.js';

type Listener = (notice: StatusChangeNotice) => void;

/**
 * Committed status changes from every API process (PostgreSQL LISTEN, or PGlite's native listener),
 * fanned out in-process to subscriptions and caches.
 */
export class StatusBus {
  private readonly listeners = new Set<Listener>();
  private unlisten: Unlisten | undefined;

  static async start(database: RelinkDatabase): Promise<StatusBus> {
    const bus = new StatusBus();
    bus.unlisten = await database.listen(STATUS_CHANNEL, (payload) => {
      const notice = parseStatusChangeNotice(payload);
      if (notice) bus.emit(notice);
    });
    return bus;
  }

  emit(notice: StatusChangeNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  /** Calls `listener` for every change; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The changes that pass `accept`, as an async iterator for GraphQL subscriptions. Its `return()`
   * removes the listener at once (a generator over events.on() would keep it until the next event).
   */
  iterate(accept: (notice: StatusChangeNotice) => boolean): AsyncIterableIterator<StatusChangeNotice> {
    const queue: StatusChangeNotice[] = [];
    let wake: ((result: IteratorResult<StatusChangeNotice>) => void) | undefined;
    let done = false;
    const stop = this.subscribe((notice) => {
      if (done || !accept(notice)) return;
      if (wake) {
        const resolve = wake;
        wake = undefined;
        resolve({ value: notice, done: false });
      } else {
        queue.push(notice);
      }
    });
    const finish = (): Promise<IteratorResult<StatusChangeNotice>> => {
      done = true;
      stop();
      queue.length = 0;
      wake?.({ value: undefined, done: true });
      wake = undefined;
      return Promise.resolve({ value: undefined, done: true });
    };
    return {
      next: () => {
        if (done) return Promise.resolve({ value: undefined, done: true });
        const queued = queue.shift();
        if (queued) return Promise.resolve({ value: queued, done: false });
        return new Promise((resolve) => (wake = resolve));
      },
      return: finish,
      throw: (error: unknown) => finish().then(() => Promise.reject(error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.unlisten?.();
  }
}
