import type { Request } from 'express';
import type { SandboxContext } from '../context.js';
import { bearer, type ProviderResponse } from '../shared/http.js';
import { adsFailure, rpcError } from './adsErrors.js';
import { ADWORDS_SCOPE } from './scopes.js';
import { accessState } from './tokenState.js';

/**
 * Google-Ads-like API under `/ads/v17`: `GET customers:listAccessibleCustomers` and
 * `GET customers/{id}`, with the API's 401/403 GoogleAdsFailure answers.
 */
export function adsApi(ctx: SandboxContext, req: Request, subPath: string): ProviderResponse {
  const state = accessState(ctx, bearer(req));
  if (!state.ok) {
    if (state.reason === 'missing') return rpcError(401);
    if (state.reason === 'unknown') return adsFailure(ctx, 401, { authenticationError: 'OAUTH_TOKEN_INVALID' });
    if (state.reason === 'revoked') return adsFailure(ctx, 401, { authenticationError: state.adsCode });
    return adsFailure(ctx, 401, { authenticationError: 'OAUTH_TOKEN_EXPIRED' });
  }
  if (!state.record.scopes.includes(ADWORDS_SCOPE)) return rpcError(403);
  const { user } = state;
  if (subPath === '/customers:listAccessibleCustomers' && req.method === 'GET') {
    if (user.lostAdsAccess) return adsFailure(ctx, 401, { authenticationError: 'NOT_ADS_USER' });
    return { status: 200, body: { resourceNames: user.adAccounts.map((a) => `customers/${a.accountId}`) } };
  }
  const match = /^\/customers\/(\d+)$/.exec(subPath);
  if (match && req.method === 'GET') {
    const account = user.adAccounts.find((a) => a.accountId === match[1]);
    if (!account || user.lostAdsAccess) return adsFailure(ctx, 403, { authorizationError: 'USER_PERMISSION_DENIED' });
    return {
      status: 200,
      body: {
        resourceName: `customers/${account.accountId}`,
        id: account.accountId,
        descriptiveName: account.name,
        currencyCode: 'USD',
        timeZone: 'America/New_York',
        manager: false,
        testAccount: true,
        status: 'ENABLED',
      },
    };
  }
  return {
    status: 404,
    body: { error: { code: 404, message: `Method not found: ${req.method} ${subPath}`, status: 'NOT_FOUND' } },
  };
}
