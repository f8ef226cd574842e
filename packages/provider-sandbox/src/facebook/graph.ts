import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { debugToken } from './debugToken.js';
import { authenticateUser, isCaller, type GraphRequest } from './graphAuth.js';
import { graphError } from './graphError.js';
import { adAccountNode, adAccountsEdge, ok, permissionsEdge, unsupportedGet, userNode } from './graphNodes.js';

/** Usage header Facebook adds to answers of user-token calls. */
const APP_USAGE = JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 });

/** Answers one Graph API call (also used for each item of a batch). */
export function handleGraph(ctx: SandboxContext, request: GraphRequest): ProviderResponse {
  const answer = route(ctx, request);
  return { ...answer, headers: { 'x-app-usage': APP_USAGE, 'facebook-api-version': request.version, ...answer.headers } };
}

function route(ctx: SandboxContext, request: GraphRequest): ProviderResponse {
  const segments = request.path.split('/').filter(Boolean);
  const method = request.method.toUpperCase();
  if (segments.length === 1 && segments[0] === 'debug_token' && method === 'GET') return debugToken(ctx, request);
  const [node, edge, ...rest] = segments;
  if (!node || rest.length > 0) return unknownPath(ctx, request.path);
  if (node.startsWith('act_')) {
    if (!request.token) return graphError(ctx, { code: 104, message: 'An access token is required to request this resource.' });
    const caller = authenticateUser(ctx, request);
    if (!isCaller(caller)) return caller;
    if (edge || method !== 'GET') return unknownPath(ctx, request.path);
    return adAccountNode(ctx, request, caller, node);
  }
  const caller = authenticateUser(ctx, request);
  if (!isCaller(caller)) return caller;
  if (node !== 'me' && node !== caller.user.userId) return unsupportedGet(ctx, node);
  if (!edge && method === 'GET') return userNode(ctx, request, caller);
  if (edge === 'adaccounts' && method === 'GET') return adAccountsEdge(ctx, request, caller);
  if (edge === 'permissions' && method === 'GET') return permissionsEdge(caller);
  if (edge === 'permissions' && method === 'DELETE') {
    revokeLogin(ctx, caller.user.userId, caller.record.clientId);
    return ok({ success: true });
  }
  return unknownPath(ctx, request.path);
}

/** `DELETE /me/permissions`: the app logs the user out of itself; every token of that grant is dead. */
function revokeLogin(ctx: SandboxContext, userId: string, clientId: string): void {
  ctx.store.grants.delete(`FACEBOOK:${userId}:${clientId}`);
  const at = ctx.clock.now();
  for (const record of ctx.store.accessTokens.values()) {
    if (record.provider === 'FACEBOOK' && record.userId === userId && record.clientId === clientId && !record.dead) {
      record.dead = { cause: 'APP_DEAUTHORIZED', at };
    }
  }
}

export function unknownPath(ctx: SandboxContext, path: string): ProviderResponse {
  return graphError(ctx, { code: 2500, message: `Unknown path components: ${path}` });
}
