import {
  classifyGraphBatchResponse,
  classifyProviderResponse,
  providerDescriptor,
  refineGoogleInvalidGrant,
  statusExpiriesFromCheck,
  type CheckResult,
  type InvalidationCause,
  type Provider,
  type StatusEvent,
} from '@relink/core';
import { Integration, type RelinkDatabase } from '@relink/db';
import { In } from 'typeorm';
import { badInput, notFound, RelinkError } from '../graphql/errors.js';
import { GRAPH_BATCH_LIMIT } from '../providers/FacebookGraphClient.js';
import { grantCoversAdAccount, isUnreachableObject } from '../providers/facebookGrantCoverage.js';
import type { ProviderClients } from '../providers/providerClients.js';
import { jsonObject, type ProviderAnswer } from '../providers/providerFetch.js';
import type { CredentialService, LoadedCredential } from './CredentialService.js';
import { sqlRows } from './sqlRows.js';
import type { LeaseRelease, StatusChange, StatusService } from './StatusService.js';

/** What one check found, per integration (the monitor reads `outcome` and `retryAfterSeconds`). */
export interface CheckOutcome {
  integrationId: string;
  provider: Provider;
  outcome: 'valid' | 'invalid' | 'transient' | 'skipped';
  cause?: InvalidationCause;
  retryAfterSeconds?: number;
  /** Whether the status (or window) changed because of it. */
  changed: boolean;
  /** The integration as the check left it (committed). */
  integration: Integration;
  /** The monitor's lease was ended (and the next check scheduled) with the result. */
  leaseReleased?: boolean;
}

export interface CheckServiceOptions {
  /** The Google OAuth client is in "Testing" publishing status (its refresh tokens die after 7 days). */
  googleClientInTestingMode?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GOOGLE_GRANT_ERRORS = new Set(['invalid_grant', 'admin_policy_enforced', 'invalid_rapt']);

interface Target {
  integration: Integration;
  /** The credential version the check started with: a result for an older one is stale. */
  credentialVersion: number;
  credential: LoadedCredential | undefined;
}

/** A provider's answer for one integration, not yet applied. */
interface Found {
  target: Target;
  result: CheckResult;
  detail: Record<string, unknown>;
  /** When the answer came. */
  at: Date;
}

const answered = (target: Target, result: CheckResult, detail: Record<string, unknown>): Found => ({ target, result, detail, at: new Date() });

/** The status event for an answer, carrying the credential version the check started with. */
function checkEvent({ integration, credentialVersion }: Target, result: CheckResult, at: Date): StatusEvent {
  switch (result.outcome) {
    case 'valid':
      return { type: 'CHECK_VALID', at, credentialVersion, ...statusExpiriesFromCheck(integration.provider, result) };
    case 'invalid':
      return { type: 'CHECK_INVALID', at, credentialVersion, cause: result.cause };
    case 'transient':
      return { type: 'CHECK_TRANSIENT', at, credentialVersion, ...(result.retryAfterSeconds !== undefined ? { retryAfterSeconds: result.retryAfterSeconds } : {}) };
  }
}

/** debug_token's top-level errors concern the app token, not the checked token: never a reason to mark it dead. */
function aboutInputToken(result: CheckResult): CheckResult {
  return result.outcome === 'invalid' ? { outcome: 'transient' } : result;
}

/**
 * Asks the providers whether credentials still work and applies every answer through StatusService
 * (CHECK_VALID / CHECK_INVALID / CHECK_TRANSIENT, with the credential version read when the check
 * started). Facebook: debug_token with the app token (50 per Graph batch in `checkMany`), plus a
 * Graph call on the ad account in a single recheck. Google: a refresh (the new access token is
 * stored), then a cheap Ads call; `invalid_grant` is refined from what we know of the grant.
 */
export class CheckService {
  constructor(
    private readonly database: RelinkDatabase,
    private readonly credentials: CredentialService,
    private readonly status: StatusService,
    private readonly providers: ProviderClients,
    private readonly options: CheckServiceOptions = {},
  ) {}

  /** Asks the provider now. Throws PROVIDER_UNAVAILABLE only when no answer came AND nothing changed. */
  async recheck(integrationId: string, actor: string): Promise<void> {
    const integration = UUID.test(integrationId)
      ? await this.database.dataSource.getRepository(Integration).findOne({ where: { id: integrationId } })
      : null;
    if (!integration) throw notFound('integration', integrationId);
    if (integration.status === 'DISCONNECTED') {
      throw badInput(`Integration ${integrationId} is disconnected: connect the ad account again instead of rechecking it.`);
    }
    const [outcome] = await this.check([integration], actor, 'single');
    if (outcome && outcome.outcome === 'transient' && !outcome.changed) {
      const name = providerDescriptor(integration.provider).displayName;
      throw new RelinkError('PROVIDER_UNAVAILABLE', `${name} did not give a usable answer just now (timeout, error or rate limit). Nothing changed; try again in a minute.`, {
        ...(outcome.retryAfterSeconds ? { retryAfterSeconds: outcome.retryAfterSeconds } : {}),
      });
    }
  }

  /**
   * Checks many integrations at once (the monitor's sweep): Facebook debug_token in batches of 50.
   * With `release`, each answered integration's lease ends in the same write as its result.
   */
  async checkMany(integrationIds: string[], options: { actor?: string; release?: LeaseRelease } = {}): Promise<CheckOutcome[]> {
    const ids = [...new Set(integrationIds.filter((id) => UUID.test(id)))];
    if (ids.length === 0) return [];
    const rows = await this.database.dataSource.getRepository(Integration).find({ where: { id: In(ids) } });
    return this.check(rows, options.actor ?? 'monitor', 'batch', options.release);
  }

  /** Rechecks every live integration an identity authorized (e.g. after Google re-enabled the account). */
  async recheckIdentity(identityId: string, actor: string): Promise<CheckOutcome[]> {
    const rows = await this.database.dataSource
      .getRepository(Integration)
      .createQueryBuilder('i')
      .where("i.identityId = :identityId AND i.status <> 'DISCONNECTED'", { identityId })
      .getMany();
    return this.check(rows, actor, 'batch');
  }

  private async check(rows: Integration[], actor: string, mode: 'single' | 'batch', release?: LeaseRelease): Promise<CheckOutcome[]> {
    const live = rows.filter((r) => r.status !== 'DISCONNECTED');
    const credentials = await this.credentials.loadMany(live.flatMap((r) => (r.credentialId ? [r.credentialId] : [])));
    const targets: Target[] = live.map((integration) => ({
      integration,
      credentialVersion: integration.credentialVersion ?? 0,
      credential: integration.credentialId ? credentials.get(integration.credentialId) : undefined,
    }));
    const outcomes: CheckOutcome[] = rows
      .filter((r) => r.status === 'DISCONNECTED')
      .map((r) => ({ integrationId: r.id, provider: r.provider, outcome: 'skipped', changed: false, integration: r }));
    const facebook = targets.filter((t) => t.integration.provider === 'FACEBOOK');
    const google = targets.filter((t) => t.integration.provider === 'GOOGLE');
    const found: Found[] = [];
    if (facebook.length) found.push(...(await this.checkFacebook(facebook, mode)));
    if (google.length) found.push(...(await this.checkGoogle(google)));
    outcomes.push(...(await this.applyAll(found, actor, release)));
    return outcomes;
  }

  /** Turns every answer into a CHECK_* event and applies them all in one StatusService transaction. */
  private async applyAll(found: readonly Found[], actor: string, release?: LeaseRelease): Promise<CheckOutcome[]> {
    const changes: StatusChange[] = found.map(({ target, result, detail, at }) => ({
      integrationId: target.integration.id,
      event: checkEvent(target, result, at),
      meta: {
        actor,
        eventType: 'checked',
        detail: { outcome: result.outcome, ...(result.outcome === 'invalid' ? { cause: result.cause } : {}), ...detail },
      },
      ...(release ? { release } : {}),
    }));
    // (Google's refresh already noted the credential's last use: the one rule that reads it is Google's.)
    const applied = await this.status.applyEach(changes);
    return found.map(({ target, result }, index) => ({
      integrationId: target.integration.id,
      provider: target.integration.provider,
      outcome: result.outcome,
      ...(result.outcome === 'invalid' ? { cause: result.cause } : {}),
      ...(result.outcome === 'transient' && result.retryAfterSeconds !== undefined ? { retryAfterSeconds: result.retryAfterSeconds } : {}),
      changed: applied[index]!.transition.changed,
      integration: applied[index]!.integration,
      leaseReleased: release !== undefined,
    }));
  }

  /** No stored token to ask with (deleted after a security event or a data deletion request). */
  private noToken(target: Target): CheckResult {
    return { outcome: 'invalid', cause: target.integration.cause ?? 'APP_DEAUTHORIZED' };
  }

  private async checkFacebook(targets: Target[], mode: 'single' | 'batch'): Promise<Found[]> {
    const graph = this.providers.facebook;
    const found: Found[] = [];
    const now = new Date();
    const requiredScopes = providerDescriptor('FACEBOOK').requiredScopes;
    const withToken: Array<Target & { token: string }> = [];
    for (const target of targets) {
      const token = target.credential?.accessToken;
      if (!graph) found.push(answered(target, { outcome: 'transient' }, { reason: 'Facebook is disabled' }));
      else if (!token) found.push(answered(target, this.noToken(target), { reason: 'no stored token' }));
      else withToken.push({ ...target, token });
    }
    if (!graph || withToken.length === 0) return found;

    // One debug_token per distinct token; every integration on that token gets its answer.
    const tokens = [...new Set(withToken.map((t) => t.token))];
    const results = new Map<string, CheckResult>();
    /** The debug_token body per token, to read which ad accounts the grant covers. */
    const bodies = new Map<string, unknown>();
    if (mode === 'single') {
      for (const token of tokens) {
        const answer = await graph.debugToken(token);
        results.set(token, this.classifyDebugToken(answer, now, requiredScopes));
        bodies.set(token, answer.body);
      }
    } else {
      const chunks: string[][] = [];
      for (let i = 0; i < tokens.length; i += GRAPH_BATCH_LIMIT) chunks.push(tokens.slice(i, i + GRAPH_BATCH_LIMIT));
      // A job's Graph batches go out together: its answers are applied together anyway.
      const answers = await Promise.all(chunks.map((chunk) => graph.debugTokens(chunk)));
      for (const [n, chunk] of chunks.entries()) {
        const answer = answers[n]!;
        const items = answer.status === 200 && Array.isArray(answer.body) ? classifyGraphBatchResponse(answer.body, { now, requiredScopes }) : [];
        const whole = items.length === chunk.length ? undefined : aboutInputToken(classifyProviderResponse('FACEBOOK', { ...answer, now }));
        chunk.forEach((token, index) => {
          results.set(token, whole ?? items[index] ?? { outcome: 'transient' });
          const item: unknown = Array.isArray(answer.body) ? answer.body[index] : undefined;
          if (item && typeof item === 'object') bodies.set(token, (item as Record<string, unknown>).body);
        });
      }
    }

    for (const target of withToken) {
      let result = results.get(target.token) ?? { outcome: 'transient' };
      let detail: Record<string, unknown> = { via: mode === 'batch' ? 'debug_token batch' : 'debug_token' };
      // A valid token whose grant no longer covers this ad account (the person lost their role on it).
      if (result.outcome === 'valid' && grantCoversAdAccount(bodies.get(target.token), target.integration.externalAccountId) === false) {
        result = { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };
        detail = { ...detail, reason: 'the grant no longer lists this ad account' };
      }
      if (mode === 'single' && result.outcome === 'valid') {
        // The token is fine; can it still reach this ad account?
        const account = await graph.adAccount(target.token, target.integration.externalAccountId);
        const reach = classifyProviderResponse('FACEBOOK', { ...account, now: new Date(), requiredScopes });
        if (reach.outcome === 'invalid') {
          result = reach;
          detail = { via: 'ad account call' };
        } else if (isUnreachableObject(account.body)) {
          result = { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' };
          detail = { via: 'ad account call', reason: 'the ad account cannot be loaded with this token' };
        }
      }
      found.push(answered(target, result, detail));
    }
    return found;
  }

  private classifyDebugToken(answer: ProviderAnswer, now: Date, requiredScopes: readonly string[]): CheckResult {
    const result = classifyProviderResponse('FACEBOOK', { ...answer, now, requiredScopes });
    // A top-level error (no `data`) is about the app token or the call, never about the checked token.
    return jsonObject(answer)?.data === undefined ? aboutInputToken(result) : result;
  }

  private async checkGoogle(targets: Target[]): Promise<Found[]> {
    const google = this.providers.google;
    const found: Found[] = [];
    const byCredential = new Map<string, Target[]>();
    for (const target of targets) {
      if (!google) found.push(answered(target, { outcome: 'transient' }, { reason: 'Google is disabled' }));
      else if (!target.credential?.refreshToken) found.push(answered(target, this.noToken(target), { reason: 'no stored token' }));
      else byCredential.set(target.credential.id, [...(byCredential.get(target.credential.id) ?? []), target]);
    }
    if (!google) return found;

    for (const group of byCredential.values()) {
      const credential = group[0]!.credential!;
      const refreshAnswer = await google.refresh(credential.refreshToken!);
      const now = new Date();
      let refreshed = classifyProviderResponse('GOOGLE', { ...refreshAnswer, now });
      const body = jsonObject(refreshAnswer);
      if (refreshed.outcome === 'invalid' && typeof body?.error === 'string' && GOOGLE_GRANT_ERRORS.has(body.error)) {
        refreshed = { outcome: 'invalid', cause: await this.refineInvalidGrant(credential, body, now) };
      }
      const accessToken = refreshed.outcome === 'valid' && typeof body?.access_token === 'string' ? body.access_token : undefined;
      if (refreshed.outcome !== 'valid' || !accessToken) {
        for (const target of group) found.push(answered(target, refreshed.outcome === 'valid' ? { outcome: 'transient' } : refreshed, { via: 'refresh' }));
        continue;
      }
      await this.credentials.storeAccessToken(credential.id, accessToken, refreshed.expiresAt ?? null);
      for (const target of group) {
        const answer = await google.customer(accessToken, target.integration.externalAccountId);
        const reach = classifyProviderResponse('GOOGLE', { ...answer, now: new Date(), requiredScopes: providerDescriptor('GOOGLE').requiredScopes });
        // The refresh carries the grant's expiry; the Ads call says whether the account is still reachable.
        const result: CheckResult = reach.outcome === 'valid' ? refreshed : reach;
        found.push(answered(target, result, { via: 'refresh + ads call' }));
      }
    }
    return found;
  }

  /** Google answers most deaths with the same `invalid_grant`: refine it from what we know of the grant. */
  private async refineInvalidGrant(credential: LoadedCredential, body: Record<string, unknown>, now: Date): Promise<InvalidationCause> {
    const newer = await sqlRows(
      this.database.dataSource,
      "SELECT count(*)::int AS n FROM credentials WHERE identity_id = $1 AND provider = 'GOOGLE' AND issued_at > $2",
      [credential.identityId, credential.issuedAt],
    );
    // A security event pushed for this identity after the credential was issued explains its death.
    const events = await sqlRows(
      this.database.dataSource,
      `SELECT e.cause, e.at FROM integration_events e JOIN integrations i ON i.id = e.integration_id
       WHERE i.identity_id = $1 AND e.type = 'security_event' AND e.cause IS NOT NULL AND e.at >= $2
       ORDER BY e.at DESC LIMIT 1`,
      [credential.identityId, credential.issuedAt],
    );
    const event = events[0];
    return refineGoogleInvalidGrant({
      now,
      error: typeof body.error === 'string' ? body.error : undefined,
      errorSubtype: typeof body.error_subtype === 'string' ? body.error_subtype : undefined,
      errorDescription: typeof body.error_description === 'string' ? body.error_description : undefined,
      tokenIssuedAt: credential.issuedAt,
      lastSuccessfulUseAt: credential.lastUsedAt,
      clientInTestingMode: this.options.googleClientInTestingMode ?? false,
      newerGrantsForAccount: Number(newer[0]?.n ?? 0),
      refreshTokenExpiresAt: credential.refreshTokenExpiresAt,
      recentSecurityEvent: event ? { cause: event.cause as InvalidationCause, at: new Date(String(event.at instanceof Date ? event.at.toISOString() : event.at)) } : null,
    });
  }

  /**
   * Disconnects one integration: revokes the tokens at the provider when no other live integration
   * (in any tenant) relies on that identity's grant (best effort, recorded in the event), deletes
   * the stored tokens when no other integration uses the credential, and applies DISCONNECTED.
   */
  async disconnect(integrationId: string, actor: string): Promise<void> {
    const repo = this.database.dataSource.getRepository(Integration);
    const integration = UUID.test(integrationId) ? await repo.findOne({ where: { id: integrationId } }) : null;
    if (!integration) throw notFound('integration', integrationId);
    if (integration.status === 'DISCONNECTED') return;

    let providerRevoke: string = 'not needed';
    const credential = integration.credentialId ? await this.credentials.load(integration.credentialId) : null;
    const othersOnIdentity = integration.identityId
      ? await sqlRows(
          this.database.dataSource,
          "SELECT count(*)::int AS n FROM integrations WHERE identity_id = $1 AND id <> $2 AND status <> 'DISCONNECTED'",
          [integration.identityId, integration.id],
        )
      : [{ n: 0 }];
    const othersOnCredential = integration.credentialId
      ? await sqlRows(
          this.database.dataSource,
          "SELECT count(*)::int AS n FROM integrations WHERE credential_id = $1 AND id <> $2 AND status <> 'DISCONNECTED'",
          [integration.credentialId, integration.id],
        )
      : [{ n: 0 }];
    if (credential && Number(othersOnIdentity[0]?.n ?? 0) === 0) {
      providerRevoke = await this.revokeAtProvider(integration.provider, credential);
    } else if (credential) {
      providerRevoke = 'skipped: other integrations rely on this grant';
    }
    await this.database.dataSource.transaction(async (em) => {
      if (integration.credentialId && Number(othersOnCredential[0]?.n ?? 0) === 0) {
        await em.query(
          `UPDATE credentials SET access_token_ciphertext = '', access_token_key_id = '', refresh_token_ciphertext = NULL,
             refresh_token_key_id = NULL, revoked_at = COALESCE(revoked_at, now()), updated_at = now() WHERE id = $1`,
          [integration.credentialId],
        );
      }
      await this.status.apply(integration.id, { type: 'DISCONNECTED', at: new Date() }, { actor, eventType: 'disconnected', detail: { providerRevoke } }, em);
    });
  }

  private async revokeAtProvider(provider: Provider, credential: LoadedCredential): Promise<string> {
    let answer: ProviderAnswer | undefined;
    if (provider === 'FACEBOOK' && this.providers.facebook && credential.accessToken) {
      answer = await this.providers.facebook.revokePermissions(credential.accessToken);
    } else if (provider === 'GOOGLE' && this.providers.google && (credential.refreshToken ?? credential.accessToken)) {
      answer = await this.providers.google.revoke((credential.refreshToken ?? credential.accessToken)!);
    }
    if (!answer) return 'no token to revoke';
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) return 'revoked';
    return `failed: ${answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}`}`;
  }
}
