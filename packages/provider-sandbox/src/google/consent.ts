import type { Request, Response } from 'express';
import type { SandboxContext } from '../context.js';
import { consentPage, errorPage } from '../shared/consentPage.js';
import { isHttpUrl, params, withQuery } from '../shared/http.js';
import type { SandboxUser } from '../store.js';
import { createUser, findUserByHint, getGrant, recordConsent, usersOf } from '../users.js';
import { normalizeScopes } from './scopes.js';

const AUTH_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'access_type',
  'prompt',
  'include_granted_scopes',
  'code_challenge',
  'code_challenge_method',
  'nonce',
];

function fail(res: Response, status: number, error: string, message: string): false {
  res.status(status).type('html').send(errorPage(`Error ${status}: ${error}`, message));
  return false;
}

/** Google refuses these with an error page of its own (it never redirects to an unchecked client). */
function checkRequest(ctx: SandboxContext, p: Record<string, string>, res: Response): boolean {
  if (!ctx.google || p.client_id !== ctx.google.clientId) return fail(res, 401, 'invalid_client', 'The OAuth client was not found.');
  if (!p.redirect_uri) return fail(res, 400, 'invalid_request', 'Missing required parameter: redirect_uri');
  if (!isHttpUrl(p.redirect_uri)) return fail(res, 400, 'redirect_uri_mismatch', `Invalid redirect_uri: ${p.redirect_uri}`);
  if (!p.response_type) return fail(res, 400, 'invalid_request', 'Required parameter is missing: response_type');
  if (p.response_type !== 'code') return fail(res, 400, 'invalid_request', `Unsupported response_type: ${p.response_type} (the sandbox supports code)`);
  if (!p.scope) return fail(res, 400, 'invalid_request', 'Missing required parameter: scope');
  if (p.access_type && p.access_type !== 'online' && p.access_type !== 'offline') {
    return fail(res, 400, 'invalid_request', `Invalid access_type: ${p.access_type}`);
  }
  if (p.code_challenge_method && p.code_challenge_method !== 'S256' && p.code_challenge_method !== 'plain') {
    return fail(res, 400, 'invalid_request', `Invalid code_challenge_method: ${p.code_challenge_method}`);
  }
  if (p.code_challenge_method && !p.code_challenge) return fail(res, 400, 'invalid_request', 'Missing code_challenge');
  return true;
}

/** Approves for `user`: records the grant, mints the code (with PKCE), redirects back. */
function approve(ctx: SandboxContext, p: Record<string, string>, user: SandboxUser, res: Response): void {
  const clientId = ctx.google?.clientId ?? '';
  const existing = getGrant(ctx, 'GOOGLE', user.userId, clientId);
  const requested = normalizeScopes(p.scope);
  const scopes = p.include_granted_scopes === 'true' && existing ? [...new Set([...existing.scopes, ...requested])] : requested;
  const offline = p.access_type === 'offline';
  const hasLiveRefresh = [...ctx.store.refreshTokens.values()].some((r) => r.userId === user.userId && r.clientId === clientId && !r.dead);
  const prompts = (p.prompt ?? '').split(/\s+/);
  recordConsent(ctx, 'GOOGLE', user.userId, clientId, scopes);
  // Signing in again recovers the account and its access in the sandbox.
  user.disabled = false;
  user.lostAdsAccess = false;
  const code = ctx.mint.googleCode();
  ctx.store.codes.set(code, {
    code,
    provider: 'GOOGLE',
    clientId,
    redirectUri: p.redirect_uri ?? '',
    userId: user.userId,
    scopes,
    createdAt: ctx.clock.now(),
    accessType: offline ? 'offline' : 'online',
    // A refresh token comes with the first offline consent, or again with prompt=consent.
    issueRefreshToken: offline && (prompts.includes('consent') || !hasLiveRefresh),
    ...(p.code_challenge ? { codeChallenge: p.code_challenge, codeChallengeMethod: p.code_challenge_method === 'S256' ? 'S256' : 'plain' } : {}),
    ...(p.nonce ? { nonce: p.nonce } : {}),
  });
  res.redirect(
    302,
    withQuery(p.redirect_uri ?? '', { state: p.state, code, scope: scopes.join(' '), authuser: '0', prompt: prompts.includes('consent') ? 'consent' : 'none' }),
  );
}

export function authorizeGet(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = params(req);
    if (!checkRequest(ctx, p, res)) return;
    const hinted = findUserByHint(ctx, 'GOOGLE', p.login_hint);
    if (p.prompt === 'none') {
      const granted = hinted ? getGrant(ctx, 'GOOGLE', hinted.userId, ctx.google?.clientId ?? '') : undefined;
      const covered = granted && normalizeScopes(p.scope).every((s) => granted.scopes.has(s));
      if (!hinted || !covered) {
        res.redirect(302, withQuery(p.redirect_uri ?? '', { error: hinted ? 'consent_required' : 'login_required', state: p.state }));
        return;
      }
    }
    if (hinted) return approve(ctx, p, hinted, res);
    const hidden = Object.fromEntries(AUTH_PARAMS.filter((k) => p[k] !== undefined).map((k) => [k, p[k] ?? '']));
    res.type('html').send(
      consentPage({
        providerLabel: 'Google',
        appLabel: `OAuth client ${ctx.google?.clientId ?? ''}`,
        scopes: normalizeScopes(p.scope),
        users: usersOf(ctx, 'GOOGLE'),
        action: req.originalUrl.split('?')[0] ?? '',
        hidden,
        notice: p.login_hint ? `No sandbox user matches login_hint ${p.login_hint}.` : undefined,
      }),
    );
  };
}

export function authorizePost(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = params(req);
    if (!checkRequest(ctx, p, res)) return;
    if (p.decision !== 'allow') {
      res.redirect(302, withQuery(p.redirect_uri ?? '', { error: 'access_denied', state: p.state }));
      return;
    }
    const newName = p.new_user_name?.trim();
    const user = newName ? createUser(ctx, { provider: 'GOOGLE', name: newName }) : findUserByHint(ctx, 'GOOGLE', p.user_id);
    if (!user) {
      res.status(400).type('html').send(errorPage('Choose an account', 'Pick a sandbox user or name a new one, then press Allow.'));
      return;
    }
    approve(ctx, p, user, res);
  };
}
