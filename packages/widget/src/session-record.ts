/**
 * One JSON value in sessionStorage. Storage can be missing or throw (sandboxed frames, privacy
 * modes); then the value lives in memory for this page only.
 */
export class SessionRecord<T> {
  private memory: T | null = null;

  constructor(
    private readonly key: string,
    private readonly isValid: (value: unknown) => value is T,
  ) {}

  read(): T | null {
    try {
      const text = globalThis.sessionStorage?.getItem(this.key);
      if (text === null || text === undefined) return this.memory;
      const value: unknown = JSON.parse(text);
      return this.isValid(value) ? value : null;
    } catch {
      return this.memory;
    }
  }

  write(value: T): void {
    this.memory = value;
    try {
      globalThis.sessionStorage?.setItem(this.key, JSON.stringify(value));
    } catch {
      // memory copy only
    }
  }

  remove(): void {
    this.memory = null;
    try {
      globalThis.sessionStorage?.removeItem(this.key);
    } catch {
      // nothing stored
    }
  }
}
