import { FACEBOOK_APP_NAME, type SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { getGrant } from '../users.js';
import { ADS_SCOPES, ok } from './graphNodes.js';
import { checkProof, type GraphRequest } from './graphAuth.js';
import { graphError } from './graphError.js';
import { facebookTokenProblem } from './tokenDeath.js';

const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** Checks the `access_token` of a debug_token call: the app token `APP_ID|APP_SECRET` or a live user token of the app. */
function appAuthError(ctx: SandboxContext, request: GraphRequest): ProviderResponse | undefined {
  const app = ctx.facebook;
  const token = request.token;
  if (!token || !app) {
    return graphError(ctx, {
      code: 100,
      message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    });
  }
  const pipe = token.indexOf('|');
  if (pipe >= 0) {
    if (token.slice(0, pipe) !== app.appId) return graphError(ctx, { code: 101, message: 'Error validating application. Invalid application ID.' });
    if (token.slice(pipe + 1) !== app.appSecret) return graphError(ctx, { code: 190, message: 'Invalid OAuth access token signature.' });
    return checkProof(ctx, request);
  }
  const record = ctx.store.accessTokens.get(token);
  const grant = record ? getGrant(ctx, 'FACEBOOK', record.userId, record.clientId) : undefined;
  const problem = facebookTokenProblem(ctx, record, grant);
  if (problem) return graphError(ctx, { code: problem.code, subcode: problem.subcode, message: problem.message });
  return checkProof(ctx, request);
}

/**
 * `GET /debug_token?input_token=T&access_token=APP_ID|APP_SECRET`: the token's metadata; a dead
 * token has `is_valid:false` and `error{code,message,subcode}`.
 */
export function debugToken(ctx: SandboxContext, request: GraphRequest): ProviderResponse {
  const authError = appAuthError(ctx, request);
  if (authError) return authError;
  const input = request.query.input_token;
  if (!input) return graphError(ctx, { code: 100, message: '(#100) The parameter input_token is required' });
  const record = ctx.store.accessTokens.get(input);
  if (!record || record.provider !== 'FACEBOOK') {
    return ok({ data: { error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }, is_valid: false, scopes: [] } });
  }
  const grant = getGrant(ctx, 'FACEBOOK', record.userId, record.clientId);
  const user = ctx.store.users.get(record.userId);
  const problem = facebookTokenProblem(ctx, record, grant);
  // Data access running out does not make the token itself invalid: data_access_expires_at tells.
  const tokenProblem = problem?.subcode === 493 ? undefined : problem;
  const scopes = grant ? [...grant.scopes] : [];
  const data: Record<string, unknown> = {
    app_id: record.clientId,
    type: 'USER',
    application: FACEBOOK_APP_NAME,
    data_access_expires_at: grant ? unix(grant.dataAccessExpiresAt) : 0,
    expires_at: unix(record.expiresAt),
    is_valid: tokenProblem === undefined,
    issued_at: unix(record.issuedAt),
    scopes,
    granular_scopes: scopes.map((scope) =>
      ADS_SCOPES.includes(scope) && user?.adAccounts.length
        ? { scope, target_ids: user.adAccounts.map((a) => a.accountId) }
        : { scope },
    ),
    user_id: record.userId,
  };
  if (tokenProblem) {
    data.error = { code: tokenProblem.code, message: tokenProblem.message, ...(tokenProblem.subcode ? { subcode: tokenProblem.subcode } : {}) };
  }
  return ok({ data });
}
