import { createHash } from 'node:crypto';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const URL_SAFE = `${ALNUM}-_`;

/**
 * Deterministic randomness: each named stream is SHA-256(seed:stream:counter) blocks, so the ids
 * minted for users do not shift when, say, an error body takes a trace id.
 */
export interface IdSource {
  bytes(stream: string, length: number): Buffer;
  digits(stream: string, length: number): string;
  chars(stream: string, length: number, alphabet?: string): string;
  reset(): void;
  /** The position of every stream, so a restored sandbox does not mint the same ids again. */
  counters(): Record<string, number>;
  restoreCounters(counters: Record<string, number>): void;
}

export function createIdSource(seed: number): IdSource {
  const counters = new Map<string, number>();
  const bytes = (stream: string, length: number): Buffer => {
    const chunks: Buffer[] = [];
    let have = 0;
    while (have < length) {
      const counter = counters.get(stream) ?? 0;
      counters.set(stream, counter + 1);
      const block = createHash('sha256').update(`${seed}:${stream}:${counter}`).digest();
      chunks.push(block);
      have += block.length;
    }
    return Buffer.concat(chunks).subarray(0, length);
  };
  return {
    bytes,
    digits(stream, length) {
      const raw = bytes(stream, length);
      let out = '';
      raw.forEach((b, i) => {
        out += i === 0 ? String(1 + (b % 9)) : String(b % 10);
      });
      return out;
    },
    chars(stream, length, alphabet = ALNUM) {
      let out = '';
      for (const b of bytes(stream, length)) out += alphabet[b % alphabet.length];
      return out;
    },
    reset() {
      counters.clear();
    },
    counters: () => Object.fromEntries(counters),
    restoreCounters(saved) {
      counters.clear();
      for (const [stream, n] of Object.entries(saved)) if (Number.isInteger(n) && n >= 0) counters.set(stream, n);
    },
  };
}
