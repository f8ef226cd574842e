import type { Request, Response } from 'express';
import { FACEBOOK_APP_NAME, type SandboxContext } from '../context.js';
import { consentPage, errorPage } from '../shared/consentPage.js';
import { isHttpUrl, params, withQuery } from '../shared/http.js';
import type { SandboxUser } from '../store.js';
import { createUser, findUserByHint, getGrant, recordConsent, usersOf } from '../users.js';

const DIALOG_PARAMS = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'auth_type', 'auth_nonce', 'display'];

export function requestedScopes(raw: string | undefined): string[] {
  const scopes = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  return ['public_profile', ...scopes.filter((s) => s !== 'public_profile')];
}

/** Validates the dialog's app and redirect; answers with Facebook-like error pages (never redirects then). */
function checkDialog(ctx: SandboxContext, p: Record<string, string>, res: Response): boolean {
  if (!ctx.facebook || p.client_id !== ctx.facebook.appId) {
    res.status(400).type('html').send(errorPage('Invalid App ID', 'The provided app ID does not look like a valid app ID.'));
    return false;
  }
  if (!isHttpUrl(p.redirect_uri)) {
    res
      .status(400)
      .type('html')
      .send(errorPage("Can't Load URL", "The domain of this URL isn't included in the app's domains. Pass an absolute http(s) redirect_uri."));
    return false;
  }
  if (p.response_type && p.response_type !== 'code') {
    res.status(400).type('html').send(errorPage('Unsupported response_type', 'The sandbox supports response_type=code only.'));
    return false;
  }
  return true;
}

/** Signs `user` in and approves: records the grant, mints a code, redirects back with `code` and `state`. */
function approve(ctx: SandboxContext, p: Record<string, string>, user: SandboxUser, res: Response): void {
  const appId = ctx.facebook?.appId ?? '';
  const existing = getGrant(ctx, 'FACEBOOK', user.userId, appId);
  const rerequest = p.auth_type === 'rerequest';
  // A permission the person declined or removed is not asked again unless auth_type=rerequest.
  const scopes = requestedScopes(p.scope).filter((s) => rerequest || !existing?.declined.has(s));
  recordConsent(ctx, 'FACEBOOK', user.userId, appId, scopes);
  const code = ctx.mint.facebookCode();
  ctx.store.codes.set(code, {
    code,
    provider: 'FACEBOOK',
    clientId: appId,
    redirectUri: p.redirect_uri ?? '',
    userId: user.userId,
    scopes,
    createdAt: ctx.clock.now(),
    accessType: 'online',
    issueRefreshToken: false,
  });
  res.redirect(302, withQuery(p.redirect_uri ?? '', { code, state: p.state }, '_=_'));
}

export function dialogGet(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = params(req);
    if (!checkDialog(ctx, p, res)) return;
    const hinted = findUserByHint(ctx, 'FACEBOOK', p.login_hint);
    if (hinted) return approve(ctx, p, hinted, res);
    const hidden = Object.fromEntries(DIALOG_PARAMS.filter((k) => p[k] !== undefined).map((k) => [k, p[k] ?? '']));
    res.type('html').send(
      consentPage({
        providerLabel: 'Facebook',
        appLabel: FACEBOOK_APP_NAME,
        scopes: requestedScopes(p.scope),
        users: usersOf(ctx, 'FACEBOOK'),
        action: req.originalUrl.split('?')[0] ?? '',
        hidden,
        notice: p.login_hint ? `No sandbox user matches login_hint ${p.login_hint}.` : undefined,
      }),
    );
  };
}

export function dialogPost(ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const p = params(req);
    if (!checkDialog(ctx, p, res)) return;
    if (p.decision !== 'allow') {
      res.redirect(
        302,
        withQuery(
          p.redirect_uri ?? '',
          { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied', state: p.state },
          '_=_',
        ),
      );
      return;
    }
    const newName = p.new_user_name?.trim();
    const user = newName ? createUser(ctx, { provider: 'FACEBOOK', name: newName }) : findUserByHint(ctx, 'FACEBOOK', p.user_id);
    if (!user) {
      res.status(400).type('html').send(errorPage('Choose a user', 'Pick a sandbox user or name a new one, then press Allow.'));
      return;
    }
    approve(ctx, p, user, res);
  };
}
