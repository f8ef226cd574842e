import type { Request } from 'express';
import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { adsFailure } from './adsErrors.js';

/** Transient failures as Google gives them: Ads API INTERNAL / RESOURCE_EXHAUSTED, OAuth endpoints 500 / 429. */
export function googleFault(ctx: SandboxContext, kind: 'http500' | 'rateLimit', req: Request): ProviderResponse {
  if (req.path.startsWith('/ads/')) {
    if (kind === 'http500') return adsFailure(ctx, 500, { internalError: 'INTERNAL_ERROR' });
    return adsFailure(
      ctx,
      429,
      { quotaError: 'RESOURCE_EXHAUSTED' },
      { details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Number of operations for basic access', retryDelay: '30s' } } },
    );
  }
  if (kind === 'http500') return { status: 500, body: { error: 'internal_failure', error_description: 'Backend Error' } };
  return { status: 429, body: { error: 'rate_limit_exceeded', error_description: 'Rate Limit Exceeded' }, headers: { 'retry-after': '30' } };
}
