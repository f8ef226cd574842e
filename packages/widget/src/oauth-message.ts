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
  const { source, type, ok, error, integrationIds } = (event.data ?? {}) as Record<string, unknown>;
  if (event.origin !== relinkOrigin || source !== 'relink' || type !== 'oauth-complete' || typeof ok !== 'boolean') return null;
  return {
    source,
    type,
    ok,
    ...(typeof error === 'string' && { error }),
    ...(Array.isArray(integrationIds) && integrationIds.every((id) => typeof id === 'string') && { integrationIds }),
  };
}
