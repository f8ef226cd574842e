const KEY = 'relink.admin.staffToken';

/** The staff token, kept in session storage: gone when the tab closes, never in a cookie or the URL. */
export class TokenStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage) {}

  get(): string | null {
    return this.storage.getItem(KEY);
  }

  set(token: string): void {
    this.storage.setItem(KEY, token);
  }

  clear(): void {
    this.storage.removeItem(KEY);
  }
}
