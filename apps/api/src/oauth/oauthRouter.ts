import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Provider } from '@relink/core';
import { sendDonePage } from '../http/donePage.js';
import type { ProviderClients } from '../providers/providerClients.js';
import { providerEnabled, providerFromSlug, providerSlug } from '../providers/providerClients.js';
import type { Services } from '../services/services.js';
import type { TicketRecord } from '../services/TicketService.js';
import { FACEBOOK_SCOPES, GOOGLE_SCOPES, type ConsentResult, type PassportInstance } from './buildPassport.js';
import { finishConsent } from './finishConsent.js';
import { OAUTH_FAILURES, OAuthFailure, type OAuthFailureCode } from './oauthFailure.js';
import { returningTickets, startingTickets } from './oauthRequestTickets.js';

export interface OAuthRouterDeps {
  services: Services;
  clients: ProviderClients;
  passport: PassportInstance;
  log: Logger;
}

/** Longest wait for the code exchange and profile fetch Passport makes in the callback. */
const CALLBACK_TIMEOUT_MS = 20_000;

const PROVIDER_NAMES: Record<Provider, string> = { FACEBOOK: 'Facebook', GOOGLE: 'Google' };

function queryString(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Ends a flow on a failure page (or JSON), telling the opener when there is one. Nothing was stored. */
function fail(req: Request, res: Response, log: Logger, code: OAuthFailureCode, reason: string, ticket?: TicketRecord, openerOrigin?: string): void {
  const copy = OAUTH_FAILURES[code];
  log.warn({ oauth: { code, reason, provider: ticket?.provider, ticketId: ticket?.id, tenantId: ticket?.tenantId } }, `OAuth flow stopped: ${code}`);
  sendDonePage(req, res, copy.status, {
    ok: false,
    title: copy.title,
    message: copy.message,
    action: copy.action,
    error: code,
    openerOrigin: ticket?.openerOrigin ?? openerOrigin ?? null,
    returnTo: ticket?.returnTo ?? null,
  });
}

/** `authenticate` as a promise: resolves with what the strategy ended with (redirects are sent by Passport itself). */
function authenticateCallback(
  passport: PassportInstance,
  name: string,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<{ error: unknown; user: ConsentResult | false; info: unknown; status?: number }> {
  return new Promise((resolve) => {
    // passport-oauth2's HTTP client has no timeout: give up on a provider that does not answer.
    const timer = setTimeout(() => {
      const error = new Error(`the provider did not answer within ${CALLBACK_TIMEOUT_MS / 1000} s`);
      error.name = 'InternalOAuthError';
      resolve({ error, user: false, info: undefined });
    }, CALLBACK_TIMEOUT_MS);
    timer.unref();
    const handler = passport.authenticate(
      name,
      { session: false, failWithError: false },
      (error: unknown, user: ConsentResult | false, info: unknown, status?: number) => {
        clearTimeout(timer);
        resolve({ error, user, info, status });
      },
    ) as (req: Request, res: Response, next: NextFunction) => void;
    handler(req, res, next);
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: unknown; subcode?: unknown; status?: unknown };
  return `${e.name}${e.code !== undefined ? ` code=${String(e.code)}` : ''}${e.subcode !== undefined ? ` subcode=${String(e.subcode)}` : ''}: ${e.message.slice(0, 300)}`;
}

/**
 * `GET /auth/:provider/start?ticket=T[&login_hint=H]` and `GET /auth/:provider/callback`.
 * Start consumes the one-time ticket and sends the browser to the provider's consent (state bound to
 * the ticket, PKCE for Google, `auth_type=rerequest` when Facebook permissions were removed). The
 * callback accepts only the state bound to a started ticket, then stores the tokens and integrations.
 */
export function oauthRouter({ services, clients, passport, log }: OAuthRouterDeps): Router {
  const router = express.Router();

  router.get('/auth/:provider/start', async (req: Request, res: Response, next: NextFunction) => {
    const provider = providerFromSlug(String(req.params.provider));
    if (!provider) return fail(req, res, log, 'unknown_provider', `path ${req.path}`);
    if (!providerEnabled(services.config, provider)) return fail(req, res, log, 'provider_disabled', provider);
    const token = queryString(req, 'ticket');
    if (!token) return fail(req, res, log, 'missing_ticket', 'no ticket parameter');
    try {
      const consumed = await services.tickets.consume(token, provider);
      if (!consumed.ok) {
        // The refused ticket's opener still hears that this popup failed (nothing else of the ticket is used).
        return fail(req, res, log, `ticket_${consumed.reason}`, `ticket ${consumed.reason}`, undefined, consumed.openerOrigin);
      }
      const ticket = consumed.ticket;
      startingTickets.set(req, ticket);
      const loginHint = queryString(req, 'login_hint')?.slice(0, 320);
      const options =
        provider === 'FACEBOOK'
          ? { session: false, scope: FACEBOOK_SCOPES, ...(ticket.authType ? { authType: ticket.authType } : {}), ...(loginHint ? { loginHint } : {}) }
          : { session: false, scope: GOOGLE_SCOPES, accessType: 'offline', prompt: 'consent', ...(loginHint ? { loginHint } : {}) };
      log.info({ oauth: { provider, ticketId: ticket.id, tenantId: ticket.tenantId, kind: ticket.kind } }, 'OAuth flow started');
      (passport.authenticate(providerSlug(provider), options) as (req: Request, res: Response, next: NextFunction) => void)(req, res, next);
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/:provider/callback', async (req: Request, res: Response, next: NextFunction) => {
    const provider = providerFromSlug(String(req.params.provider));
    if (!provider) return fail(req, res, log, 'unknown_provider', `path ${req.path}`);
    if (!providerEnabled(services.config, provider)) return fail(req, res, log, 'provider_disabled', provider);
    const state = queryString(req, 'state');
    let ticket: TicketRecord | null = null;
    try {
      ticket = state ? await services.tickets.consumeState(provider, state) : null;
      if (!ticket || !state) return fail(req, res, log, 'invalid_state', state ? 'state unknown, used or too old' : 'no state parameter');

      const error = queryString(req, 'error');
      const errorCode = queryString(req, 'error_code');
      if (error || errorCode) {
        const denied = error === 'access_denied' || queryString(req, 'error_reason') === 'user_denied';
        const detail = `${error ?? ''} ${errorCode ?? ''} ${queryString(req, 'error_description') ?? queryString(req, 'error_message') ?? ''}`.trim();
        return fail(req, res, log, denied ? 'access_denied' : 'provider_error', `provider answered: ${detail.slice(0, 300)}`, ticket);
      }
      if (!queryString(req, 'code')) return fail(req, res, log, 'invalid_callback', 'no code parameter', ticket);

      returningTickets.set(req, { ticket, state });
      const outcome = await authenticateCallback(passport, providerSlug(provider), req, res, next);
      if (outcome.error) {
        const e = outcome.error as { name?: string; code?: unknown };
        const unreachable = e.name === 'InternalOAuthError';
        return fail(req, res, log, unreachable ? 'provider_unavailable' : 'provider_error', describeError(outcome.error), ticket);
      }
      if (!outcome.user) {
        return fail(req, res, log, outcome.status === 403 ? 'invalid_state' : 'access_denied', JSON.stringify(outcome.info ?? null).slice(0, 300), ticket);
      }

      const completed = await finishConsent(services.connections, clients, ticket, outcome.user);
      const name = PROVIDER_NAMES[provider];
      log.info(
        {
          oauth: {
            provider,
            ticketId: ticket.id,
            tenantId: ticket.tenantId,
            kind: ticket.kind,
            integrations: completed.integrationIds.length,
            created: completed.createdIntegrationIds.length,
            otherIdentity: completed.previousIdentityId !== null,
            unreachable: completed.unreachableIntegrationIds.length,
          },
        },
        'OAuth flow completed',
      );
      if (ticket.kind === 'reauthorize' && !completed.targetFixed) {
        return sendDonePage(req, res, 409, {
          ok: false,
          error: 'account_not_reachable',
          title: 'That ad account is not reachable',
          message: `You signed in with a ${name} account that cannot reach the ad account that needs the new token, so it stays disconnected. ${completed.integrationIds.length} other ad account(s) were refreshed.`,
          action: `Sign in with the ${name} account that manages that ad account, or get access to it first, then press "Refresh token" again.`,
          integrationIds: completed.integrationIds,
          openerOrigin: ticket.openerOrigin,
          returnTo: ticket.returnTo,
        });
      }
      if (ticket.returnTo) return res.redirect(303, ticket.returnTo);
      const count = completed.integrationIds.length;
      const otherIdentity = completed.previousIdentityId !== null;
      return sendDonePage(req, res, 200, {
        ok: true,
        title: ticket.kind === 'reauthorize' ? `${name} token refreshed` : `${name} connected`,
        message:
          `${count} ad account${count === 1 ? '' : 's'} ${ticket.kind === 'reauthorize' ? 'are tracked again' : 'are now tracked'}.` +
          (otherIdentity ? ` You signed in as a different ${name} user than before; Relink recorded that.` : '') +
          (completed.unreachableIntegrationIds.length ? ` ${completed.unreachableIntegrationIds.length} ad account(s) this user cannot reach still need the previous user.` : ''),
        integrationIds: completed.integrationIds,
        openerOrigin: ticket.openerOrigin,
      });
    } catch (error) {
      if (error instanceof OAuthFailure) return fail(req, res, log, error.code, error.reason, ticket ?? undefined);
      log.error({ err: error, oauth: { provider, ticketId: ticket?.id } }, 'OAuth callback failed');
      return fail(req, res, log, 'internal_error', describeError(error), ticket ?? undefined);
    }
  });

  router.use('/auth', (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error }, 'OAuth route failed');
    fail(req, res, log, 'internal_error', describeError(error));
  });
  return router;
}
