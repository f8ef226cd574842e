import { retryingFetch } from './retryingFetch.js';

/**
 * Walks an authorization URL the way a browser would (start → provider consent → callback), without
 * a browser: follows redirects while they stay on `origin`, and returns the last answer's status and JSON.
 * The sandbox consent page approves at once for a `login_hint` user, as a real provider does for a
 * person who already granted the scopes.
 */
export async function followAuthorization(url: string, origin: string, maxHops = 10): Promise<{ status: number; body: unknown; visited: string[] }> {
  const visited: string[] = [];
  let next = url;
  for (let hop = 0; hop < maxHops; hop += 1) {
    visited.push(next);
    const response = await retryingFetch(next, { redirect: 'manual', headers: { accept: 'application/json' } });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location && new URL(location, next).origin === origin) {
      await response.arrayBuffer();
      next = new URL(location, next).toString();
      continue;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: response.status, body, visited };
  }
  throw new Error(`more than ${maxHops} redirects: ${visited.join(' → ')}`);
}
