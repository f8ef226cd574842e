import type { Provider } from '@relink/core';
import { retryingFetch } from './retryingFetch.js';

export interface SandboxControl {
  createUser(input: { provider: Provider; name: string; email: string; timeBasedAccessSeconds?: number }): Promise<{ userId: string; email: string }>;
  addAdAccount(userId: string, name: string): Promise<{ accountId: string; name: string }>;
  invalidate(userId: string, cause: string): Promise<void>;
}

/** The sandbox's HTTP control endpoints (`/sandbox/control/…`, sandbox mode only), failing loudly. */
export function sandboxControl(publicUrl: string): SandboxControl {
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await retryingFetch(`${publicUrl}/sandbox/control${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as T & { error?: string };
    if (!response.ok) throw new Error(`sandbox control ${path} answered ${response.status}: ${json.error ?? JSON.stringify(json)}`);
    return json;
  };
  return {
    createUser: (input) => call('/users', input),
    addAdAccount: (userId, name) => call(`/users/${encodeURIComponent(userId)}/ad-accounts`, { name }),
    invalidate: async (userId, cause) => {
      await call(`/users/${encodeURIComponent(userId)}/invalidate`, { cause });
    },
  };
}
