/** Safe readers for JSON of unknown shape: they never throw, they answer `undefined`. */

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(x: unknown): x is JsonRecord {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function recordAt(x: unknown, key: string): JsonRecord | undefined {
  if (!isRecord(x)) return undefined;
  const value = x[key];
  return isRecord(value) ? value : undefined;
}

export function stringAt(x: unknown, key: string): string | undefined {
  if (!isRecord(x)) return undefined;
  const value = x[key];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, also from a numeric string (Google's tokeninfo sends `"exp": "1716912345"`). */
export function numberAt(x: unknown, key: string): number | undefined {
  if (!isRecord(x)) return undefined;
  return toFiniteNumber(x[key]);
}

export function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** An id that may come as a string or a number (Facebook user ids). */
export function idAt(x: unknown, key: string): string | undefined {
  if (!isRecord(x)) return undefined;
  const value = x[key];
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Unix seconds → Date; undefined for a missing, invalid or non-positive value. */
export function dateFromUnixSeconds(seconds: number | undefined): Date | undefined {
  if (seconds === undefined || seconds <= 0) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Parses text that may be JSON; anything else stays as it was. */
export function parseJsonLoosely(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const text = body.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return body;
  }
}
