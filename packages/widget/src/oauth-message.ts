/**
 * What the API's "done" page posts to its opener when consent finishes:
 * `window.opener.postMessage({ source: 'relink', type: 'oauth-complete', ok, error?, integrationIds? }, openerOrigin)`.
 */
export interface OAuthCompleteMessage {
  source: 'relink';
  type: 'oauth-complete';
  ok: boolean;
  error?: string;
  integrationIds?: string[];
}

/**
 * The message if it came from the Relink origin and has the done page's shape, else null.
 * Messages from any other origin are ignored, whatever they say.
 */
export function readOAuthComplete(event: Pick<MessageEvent, 'origin' | 'data'>, relinkOrigin: string): OAuthCompleteMessage | null {
  if (event.origin !== relinkOrigin) return null;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return null;
  const message = data as Record<string, unknown>;
  if (message.source !== 'relink' || message.type !== 'oauth-complete' || typeof message.ok !== 'boolean') return null;
  const result: OAuthCompleteMessage = { source: 'relink', type: 'oauth-complete', ok: message.ok };
  if (typeof message.error === 'string') result.error = message.error;
  if (Array.isArray(message.integrationIds) && message.integrationIds.every((id) => typeof id === 'string')) {
    result.integrationIds = message.integrationIds as string[];
  }
  return result;
}
