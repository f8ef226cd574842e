import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';
import { getGrant } from '../users.js';
import { graphError } from './graphError.js';
import { issueFacebookToken, LONG_LIVED_SECONDS, SHORT_LIVED_SECONDS } from './issueToken.js';
import { facebookTokenProblem } from './tokenDeath.js';

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

const codeError = (ctx: SandboxContext, message: string, subcode?: number) =>
  graphError(ctx, { code: 100, subcode, message, authenticate: 'invalid_code' });

/**
 * `GET|POST /oauth/access_token`: exchanges a dialog `code` for a short-lived token, a token for a
 * long-lived one (`grant_type=fb_exchange_token`), or the app credentials for the app token.
 */
export function accessTokenEndpoint(ctx: SandboxContext, p: Record<string, string>): ProviderResponse {
  const app = ctx.facebook;
  if (!p.client_id) return graphError(ctx, { code: 101, message: 'Missing client_id parameter.', authenticate: 'invalid_request' });
  if (!app || p.client_id !== app.appId) {
    return graphError(ctx, { code: 101, message: 'Error validating application. Invalid application ID.', authenticate: 'invalid_client' });
  }
  if (p.client_secret !== app.appSecret) {
    return graphError(ctx, { code: 1, message: 'Error validating client secret.', authenticate: 'invalid_client' });
  }
  if (p.grant_type === 'fb_exchange_token') return exchange(ctx, app.appId, p.fb_exchange_token);
  if (p.grant_type === 'client_credentials') {
    return { status: 200, body: { access_token: `${app.appId}|${app.appSecret}`, token_type: 'bearer' } };
  }
  if (p.grant_type !== undefined && p.grant_type !== 'authorization_code') {
    return graphError(ctx, { code: 100, message: `Unsupported grant_type: ${p.grant_type}`, authenticate: 'invalid_request' });
  }
  return exchangeCode(ctx, app.appId, p);
}

function exchangeCode(ctx: SandboxContext, appId: string, p: Record<string, string>): ProviderResponse {
  if (p.redirect_uri === undefined) return graphError(ctx, { code: 191, message: 'Missing redirect_uri parameter.', authenticate: 'invalid_request' });
  if (!p.code) return graphError(ctx, { code: 100, message: 'Missing code parameter.', authenticate: 'invalid_request' });
  const record = ctx.store.codes.get(p.code);
  if (!record || record.provider !== 'FACEBOOK' || record.clientId !== appId) return codeError(ctx, 'Invalid verification code format.');
  const now = ctx.clock.now();
  if (record.usedAt) return codeError(ctx, 'This authorization code has been used.', 36009);
  if (now.getTime() - record.createdAt.getTime() > CODE_LIFETIME_MS) return codeError(ctx, 'This authorization code has expired.', 36007);
  if (record.redirectUri !== p.redirect_uri) {
    return codeError(
      ctx,
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      36008,
    );
  }
  record.usedAt = now;
  const token = issueFacebookToken(ctx, record.userId, appId, 'short');
  return { status: 200, body: { access_token: token.token, token_type: 'bearer', expires_in: SHORT_LIVED_SECONDS } };
}

function exchange(ctx: SandboxContext, appId: string, given: string | undefined): ProviderResponse {
  if (!given) return graphError(ctx, { code: 100, message: 'Missing fb_exchange_token parameter.', authenticate: 'invalid_request' });
  const record = ctx.store.accessTokens.get(given);
  const grant = record ? getGrant(ctx, 'FACEBOOK', record.userId, record.clientId) : undefined;
  const problem = facebookTokenProblem(ctx, record, grant);
  if (problem || !record) {
    return graphError(ctx, { code: problem?.code ?? 190, subcode: problem?.subcode, message: problem?.message ?? 'Invalid OAuth access token.' });
  }
  if (record.clientId !== appId) return graphError(ctx, { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  const token = issueFacebookToken(ctx, record.userId, appId, 'long');
  return { status: 200, body: { access_token: token.token, token_type: 'bearer', expires_in: LONG_LIVED_SECONDS } };
}
