/** Headers as callers hand them over: a fetch `Headers`, or a plain object with names in any case. */
export type HeaderSource = Record<string, string | string[] | undefined> | Headers;

/** A header's value by case-insensitive name (several values joined with ", "); never throws. */
export type HeaderReader = (name: string) => string | undefined;

interface HeadersLike {
  get(name: string): string | null;
}

function isHeadersLike(x: unknown): x is HeadersLike {
  return typeof x === 'object' && x !== null && typeof (x as { get?: unknown }).get === 'function';
}

export function headerReader(headers: unknown): HeaderReader {
  if (isHeadersLike(headers)) {
    return (name) => headers.get(name) ?? undefined;
  }
  if (typeof headers !== 'object' || headers === null) return () => undefined;
  const byLowerName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : value;
    if (typeof text === 'string') byLowerName.set(name.toLowerCase(), text);
  }
  return (name) => byLowerName.get(name.toLowerCase());
}

/** `Retry-After` as whole seconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterHeaderSeconds(header: HeaderReader, now: Date): number | undefined {
  const value = header('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  // An HTTP date names its month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would take "-5" as a year.
  const at = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
