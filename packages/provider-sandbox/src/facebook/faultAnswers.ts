import type { Request } from 'express';
import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { graphError } from './graphError.js';

/**
 * Transient failures as Facebook gives them: code 2 for a 500, and for throttling the code of the
 * limit that applies to the path — 80000 (business use case) on ad accounts, 17 (user) on `/me`,
 * 4 (app) elsewhere — with the usage headers set to 100%.
 */
export function facebookFault(ctx: SandboxContext, kind: 'http500' | 'rateLimit', req: Request): ProviderResponse {
  if (kind === 'http500') {
    return graphError(ctx, { status: 500, code: 2, message: '(#2) Service temporarily unavailable', isTransient: true });
  }
  const path = req.path;
  const appUsage = JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 18 });
  if (/\/(act_\d+|adaccounts)/.test(path)) {
    const businessId = /act_(\d+)/.exec(path)?.[1] ?? '0';
    const usage = JSON.stringify({
      [businessId]: [{ type: 'ads_management', call_count: 100, total_cputime: 35, total_time: 41, estimated_time_to_regain_access: 5 }],
    });
    return graphError(ctx, {
      code: 80000,
      subcode: 2446079,
      isTransient: true,
      message: 'There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
      headers: { 'x-business-use-case-usage': usage, 'x-app-usage': appUsage },
    });
  }
  if (/\/me(\/|$)/.test(path)) {
    return graphError(ctx, { code: 17, isTransient: true, message: '(#17) User request limit reached', headers: { 'x-app-usage': appUsage } });
  }
  return graphError(ctx, { code: 4, isTransient: true, message: '(#4) Application request limit reached', headers: { 'x-app-usage': appUsage } });
}
