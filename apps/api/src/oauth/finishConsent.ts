import { classifyProviderResponse, providerDescriptor, type CheckResult } from '@relink/core';
import type { ProviderClients } from '../providers/providerClients.js';
import { jsonObject, type ProviderAnswer } from '../providers/providerFetch.js';
import type { CompletedAuthorization, ConnectionService, ReachableAccount } from '../services/ConnectionService.js';
import type { TokenSet } from '../services/CredentialService.js';
import type { TicketRecord } from '../services/TicketService.js';
import type { ConsentResult } from './buildPassport.js';
import { OAuthFailure } from './oauthFailure.js';

function describe(answer: ProviderAnswer): string {
  if (answer.status === null) return `no answer (${answer.error ?? 'unknown error'})`;
  const body = jsonObject(answer);
  const error = body?.error;
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    return `HTTP ${answer.status} code ${String(e.code ?? '?')}${e.error_subcode ? `/${String(e.error_subcode)}` : ''}: ${String(e.message ?? '').slice(0, 200)}`;
  }
  if (typeof error === 'string') return `HTTP ${answer.status} ${error}: ${String(body?.error_description ?? '').slice(0, 200)}`;
  return `HTTP ${answer.status}`;
}

/** A failed provider call during consent: transient → provider_unavailable, otherwise provider_error. */
function callFailure(provider: 'FACEBOOK' | 'GOOGLE', step: string, answer: ProviderAnswer, result?: CheckResult): OAuthFailure {
  const verdict = result ?? classifyProviderResponse(provider, answer);
  if (verdict.outcome === 'invalid' && verdict.cause === 'PERMISSIONS_CHANGED') {
    return new OAuthFailure('missing_permissions', `${step}: ${describe(answer)}`);
  }
  return new OAuthFailure(verdict.outcome === 'transient' ? 'provider_unavailable' : 'provider_error', `${step}: ${describe(answer)}`);
}

const secondsFromNow = (now: Date, value: unknown): Date | null => {
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
};

async function facebookTokens(clients: ProviderClients, consent: ConsentResult): Promise<{ tokens: TokenSet; accounts: ReachableAccount[] }> {
  const graph = clients.facebook;
  if (!graph) throw new OAuthFailure('provider_disabled', 'facebook client missing');
  const now = new Date();
  const exchanged = await graph.exchangeForLongLived(consent.accessToken);
  const exchangedBody = jsonObject(exchanged);
  const longLived = typeof exchangedBody?.access_token === 'string' ? exchangedBody.access_token : undefined;
  if (!longLived || exchanged.status !== 200) throw callFailure('FACEBOOK', 'exchange for a long-lived token', exchanged);

  const required = providerDescriptor('FACEBOOK').requiredScopes;
  const debug = await graph.debugToken(longLived);
  const verdict = classifyProviderResponse('FACEBOOK', { ...debug, now, requiredScopes: required });
  if (verdict.outcome !== 'valid') throw callFailure('FACEBOOK', 'debug_token of the new token', debug, verdict);

  const listed = await graph.adAccounts(longLived);
  if (!listed.ok) throw callFailure('FACEBOOK', 'list ad accounts', listed.answer);
  return {
    tokens: {
      accessToken: longLived,
      refreshToken: null,
      accessTokenExpiresAt: verdict.expiresAt ?? secondsFromNow(now, exchangedBody?.expires_in),
      dataAccessExpiresAt: verdict.dataAccessExpiresAt ?? null,
      scopes: verdict.scopes ?? [],
    },
    accounts: listed.items.map((a) => ({ externalAccountId: a.id, name: a.name })),
  };
}

async function googleTokens(clients: ProviderClients, consent: ConsentResult): Promise<{ tokens: TokenSet; accounts: ReachableAccount[] }> {
  const google = clients.google;
  if (!google) throw new OAuthFailure('provider_disabled', 'google client missing');
  const now = new Date();
  const required = providerDescriptor('GOOGLE').requiredScopes;
  const granted = classifyProviderResponse('GOOGLE', { status: 200, body: { ...consent.params, access_token: consent.accessToken }, now, requiredScopes: required });
  if (granted.outcome === 'invalid') throw new OAuthFailure('missing_permissions', `granted scopes: ${String(consent.params.scope ?? '')}`);
  if (!consent.refreshToken) throw new OAuthFailure('no_refresh_token', 'the token endpoint returned no refresh_token');

  const listed = await google.customers(consent.accessToken);
  if (!listed.ok) throw callFailure('GOOGLE', 'list accessible customers', listed.answer);
  const scope = consent.params.scope;
  return {
    tokens: {
      accessToken: consent.accessToken,
      refreshToken: consent.refreshToken,
      accessTokenExpiresAt: secondsFromNow(now, consent.params.expires_in),
      refreshTokenExpiresAt: secondsFromNow(now, consent.params.refresh_token_expires_in),
      scopes: typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [],
    },
    accounts: listed.items.map((c) => ({ externalAccountId: c.id, name: c.name })),
  };
}

/**
 * Turns a consent into stored state: Facebook's short-lived token is exchanged for a long-lived one
 * (its scopes and data-access expiry read with debug_token); Google's refresh token is kept. The
 * reachable ad accounts are listed, then everything is stored in one transaction. Throws an
 * OAuthFailure (nothing stored) when a step fails.
 */
export async function finishConsent(
  connections: ConnectionService,
  clients: ProviderClients,
  ticket: TicketRecord,
  consent: ConsentResult,
): Promise<CompletedAuthorization> {
  const { tokens, accounts } = ticket.provider === 'FACEBOOK' ? await facebookTokens(clients, consent) : await googleTokens(clients, consent);
  if (accounts.length === 0) throw new OAuthFailure('no_ad_accounts', `identity ${consent.profile.id} reaches no ad account`);
  return connections.completeAuthorization(
    ticket,
    tokens,
    { externalUserId: consent.profile.id, name: consent.profile.displayName, email: consent.profile.email ?? null },
    accounts,
  );
}
