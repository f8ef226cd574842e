import { startSandboxServer, type SandboxServer } from '../startSandboxServer.js';
import type { SandboxOptions } from '../options.js';

export const FB_APP = { appId: '1234567890123456', appSecret: 'fb-secret-0123456789abcdef' };
export const GOOGLE_CLIENT = { clientId: '123456789-sandbox.apps.googleusercontent.com', clientSecret: 'GOCSPX-sandbox-secret' };

export interface Harness extends SandboxServer {
  /** fetch relative to the sandbox's publicUrl, never following redirects. */
  call(path: string, init?: RequestInit): Promise<Response>;
  control<T = unknown>(path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function startHarness(options: Partial<Omit<SandboxOptions, 'publicUrl'>> = {}): Promise<Harness> {
  const server = await startSandboxServer({ seed: 7, facebook: { ...FB_APP }, google: { ...GOOGLE_CLIENT }, faultTimeoutMs: 1500, ...options });
  const call = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
  return {
    ...server,
    call,
    async control<T>(path: string, body?: unknown) {
      const res = await call(`/control${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

export function form(values: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString() };
}

/** The body parsed as JSON (loosely typed, for assertions), or the text when it is not JSON. */
export async function json(res: Response): Promise<ReturnType<typeof JSON.parse>> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
