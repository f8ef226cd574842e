const memory = new Map<string, unknown>();

/**
 * One JSON value per key for this browser session (`sessionStorage`), or in memory for this page
 * where storage is missing or throws (sandboxed frames, privacy modes). Values come back unchecked
 * (the host page could have written anything there): read them defensively.
 */
export function sessionRead(key: string): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? memory.get(key);
  } catch {
    return memory.get(key);
  }
}

export function sessionWrite(key: string, value: unknown): void {
  memory.set(key, value);
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // memory copy only
  }
}
