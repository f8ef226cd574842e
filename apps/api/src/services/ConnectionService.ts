import { nextCheckAt, type Provider, type StatusEvent } from '@relink/core';
import { Integration, IntegrationEvent, ProviderIdentity, type RelinkDatabase } from '@relink/db';
import type { EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import { badInput, notFound, RelinkError } from '../graphql/errors.js';
import { providerEnabled, providerSlug } from '../providers/providerClients.js';
import type { CredentialService, TokenSet } from './CredentialService.js';
import type { StatusService } from './StatusService.js';
import type { TenantService } from './TenantService.js';
import type { TicketRecord, TicketService } from './TicketService.js';
import { DROP_LEASE_SQL } from '../monitor/IntegrationLeases.js';

export interface StartAuthorizationInput {
  tenantId: string;
  provider: Provider;
  kind: 'connect' | 'reauthorize';
  integrationId?: string | null;
  /** Where to send the browser when the flow ends (absolute http(s) URL); otherwise the done page. */
  returnTo?: string | null;
  /** The origin of the window that opened the popup: the done page posts its message there. */
  openerOrigin?: string | null;
  /** Who asked, e.g. `tenant:<apiKeyId>`, `widget:<sessionId>`, `staff:<id>`. */
  actor: string;
}

/** The person who consented, as the provider described them. */
export interface ConsentProfile {
  externalUserId: string;
  name: string;
  email?: string | null;
}

/** An ad account the consenting identity can reach. */
export interface ReachableAccount {
  externalAccountId: string;
  name: string;
}

export interface CompletedAuthorization {
  identityId: string;
  credentialId: string;
  /** Integrations that got the new credential (created or fixed). */
  integrationIds: string[];
  createdIntegrationIds: string[];
  /** The reauthorized integration, when the ticket named one. */
  targetIntegrationId: string | null;
  /** False when the ticket's integration is not among the accounts the identity reaches (it stays as it was). */
  targetFixed: boolean;
  /** The identity that had authorized the ticket's integration, when a different identity consented now. */
  previousIdentityId: string | null;
  /** Integrations of the previous identity that the new one cannot reach: they stay as they are. */
  unreachableIntegrationIds: string[];
  /** Integrations of that account healthy under another identity, left alone. */
  keptIntegrationIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkReturnTo(returnTo: string | null | undefined): string | null {
  if (returnTo === undefined || returnTo === null || returnTo === '') return null;
  let url: URL;
  try {
    url = new URL(returnTo);
  } catch {
    throw badInput(`returnTo must be an absolute http(s) URL, got "${returnTo.slice(0, 200)}"`, 'returnTo');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('returnTo must start with https:// or http://', 'returnTo');
  if (url.username || url.password) throw badInput('returnTo must not carry credentials', 'returnTo');
  return url.toString();
}

function checkOrigin(origin: string | null | undefined): string | null {
  if (origin === undefined || origin === null || origin === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
    throw badInput(`openerOrigin must be an origin such as https://app.example.com, got "${origin.slice(0, 200)}"`, 'openerOrigin');
  }
  return url.origin;
}

/** A status machine event for a freshly issued credential. */
export function tokenIssuedEvent(at: Date, credentialVersion: number, tokens: TokenSet, provider: Provider): StatusEvent {
  // Google refreshes silently: only the end of time-based access needs a person.
  const expiresAt = provider === 'GOOGLE' ? (tokens.refreshTokenExpiresAt ?? null) : (tokens.accessTokenExpiresAt ?? null);
  return { type: 'TOKEN_ISSUED', at, credentialVersion, expiresAt, dataAccessExpiresAt: tokens.dataAccessExpiresAt ?? null };
}

/**
 * Connecting and reauthorizing: mints the one-time ticket that starts an OAuth flow, and stores the
 * outcome of a completed consent (identity, a new credential version, integrations) in one transaction.
 */
export class ConnectionService {
  constructor(
    private readonly config: Config,
    private readonly database: RelinkDatabase,
    private readonly tickets: TicketService,
    private readonly credentials: CredentialService,
    private readonly status: StatusService,
    private readonly tenants: TenantService,
  ) {}

  async startAuthorization(input: StartAuthorizationInput): Promise<{ url: string; expiresAt: Date }> {
    const { provider } = input;
    if (!providerEnabled(this.config, provider)) {
      throw new RelinkError(
        'PROVIDER_UNAVAILABLE',
        `${provider === 'FACEBOOK' ? 'Facebook' : 'Google'} is not configured on this Relink server: set its app credentials and restart.`,
      );
    }
    const tenant = await this.tenants.findById(input.tenantId);
    if (!tenant) throw notFound('tenant', input.tenantId);
    const returnTo = checkReturnTo(input.returnTo);
    const openerOrigin = checkOrigin(input.openerOrigin);

    let integrationId: string | null = null;
    let identity: ProviderIdentity | null = null;
    let authType: string | null = null;
    if (input.kind === 'reauthorize') {
      const id = input.integrationId ?? '';
      const integration = UUID.test(id)
        ? await this.database.dataSource.getRepository(Integration).findOne({ where: { id, tenantId: input.tenantId } })
        : null;
      if (!integration) throw notFound('integration', id);
      if (integration.provider !== provider) {
        throw badInput(`Integration ${id} is a ${integration.provider} integration, not ${provider}.`, 'integrationId');
      }
      integrationId = integration.id;
      identity = integration.identityId
        ? await this.database.dataSource.getRepository(ProviderIdentity).findOne({ where: { id: integration.identityId } })
        : null;
      // Facebook does not ask again for a permission the person removed unless told to.
      if (provider === 'FACEBOOK' && integration.cause === 'PERMISSIONS_CHANGED') authType = 'rerequest';
    } else if (input.integrationId) {
      throw badInput('integrationId is only for reauthorization', 'integrationId');
    }

    const ticket = await this.tickets.mint({
      tenantId: input.tenantId,
      provider,
      kind: input.kind,
      integrationId,
      identityId: identity?.id ?? null,
      returnTo,
      openerOrigin,
      actor: input.actor,
      authType,
    });
    const url = new URL(`${this.config.publicUrl}/auth/${providerSlug(provider)}/start`);
    url.searchParams.set('ticket', ticket.token);
    const hint = identity ? (identity.email ?? identity.externalUserId) : undefined;
    if (hint) url.searchParams.set('login_hint', hint);
    return { url: url.toString(), expiresAt: ticket.expiresAt };
  }

  /**
   * Stores a completed consent in ONE transaction: the identity (upserted), a new credential version
   * (the previous live one revoked), and for every reachable ad account an integration that gets the
   * new credential through TOKEN_ISSUED (which closes an open untracked window). An account healthy
   * under another identity is left alone; a reauthorization by another identity is recorded.
   */
  async completeAuthorization(
    ticket: TicketRecord,
    tokens: TokenSet,
    profile: ConsentProfile,
    accounts: readonly ReachableAccount[],
  ): Promise<CompletedAuthorization> {
    const run = () => this.database.dataSource.transaction((em) => this.completeIn(em, ticket, tokens, profile, accounts));
    try {
      return await run();
    } catch (error) {
      // Two consents of the same identity at once collide on the credential version or a new
      // integration's key; the loser's transaction rolled back whole, so one retry is safe.
      if ((error as { code?: unknown }).code === '23505' || (error as { driverError?: { code?: unknown } }).driverError?.code === '23505') return run();
      throw error;
    }
  }

  private async completeIn(
    em: EntityManager,
    ticket: TicketRecord,
    tokens: TokenSet,
    profile: ConsentProfile,
    accounts: readonly ReachableAccount[],
  ): Promise<CompletedAuthorization> {
    const { provider, tenantId } = ticket;
    const now = new Date();
    const identityRows: Array<{ id: string }> = await em.query(
      `INSERT INTO provider_identities (provider, external_user_id, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider, external_user_id)
       DO UPDATE SET name = EXCLUDED.name, email = COALESCE(EXCLUDED.email, provider_identities.email), updated_at = now()
       RETURNING id`,
      [provider, profile.externalUserId, profile.name || profile.externalUserId, profile.email ?? null],
    );
    const identityId = identityRows[0]?.id;
    if (!identityId) throw new Error('upserting the provider identity returned no row');
    const credential = await this.credentials.createVersion(em, { tenantId, identityId, provider, ...tokens });

    const previousIdentityId = ticket.identityId && ticket.identityId !== identityId ? ticket.identityId : null;
    const repo = em.getRepository(Integration);
    const accountIds = [...new Set(accounts.map((a) => a.externalAccountId))];
    const existing = accountIds.length
      ? await repo
          .createQueryBuilder('i')
          .setLock('pessimistic_write')
          .where('i.tenantId = :tenantId AND i.provider = :provider AND i.externalAccountId IN (:...accountIds)', { tenantId, provider, accountIds })
          .getMany()
      : [];
    const byAccount = new Map(existing.map((row) => [row.externalAccountId, row]));

    const result: CompletedAuthorization = {
      identityId,
      credentialId: credential.id,
      integrationIds: [],
      createdIntegrationIds: [],
      targetIntegrationId: ticket.integrationId,
      targetFixed: false,
      previousIdentityId,
      unreachableIntegrationIds: [],
      keptIntegrationIds: [],
    };
    const detail = { ticketKind: ticket.kind, credentialVersion: credential.version, identityId };

    for (const account of accounts) {
      if (result.integrationIds.some((id) => byAccount.get(account.externalAccountId)?.id === id)) continue;
      let row = byAccount.get(account.externalAccountId);
      let eventType = ticket.kind === 'reauthorize' ? 'reauthorized' : 'connected';
      const extra: Record<string, unknown> = {};
      if (!row) {
        row = await repo.save(
          repo.create({
            tenantId,
            provider,
            externalAccountId: account.externalAccountId,
            name: account.name,
            status: 'DISCONNECTED',
            cause: null,
            statusVersion: 0,
            statusChangedAt: now,
            identityId,
            credentialId: credential.id,
            credentialVersion: 0,
            nextCheckAt: null,
          }),
        );
        byAccount.set(account.externalAccountId, row);
        result.createdIntegrationIds.push(row.id);
      } else if (row.identityId !== identityId) {
        const takesOver =
          row.identityId === null ||
          row.id === ticket.integrationId ||
          (previousIdentityId !== null && row.identityId === previousIdentityId) ||
          !['HEALTHY', 'EXPIRING_SOON', 'UNREACHABLE'].includes(row.status);
        if (!takesOver) {
          result.keptIntegrationIds.push(row.id);
          continue;
        }
        if (row.identityId !== null) {
          eventType = 'reauthorized_by_other_identity';
          extra.previousIdentityId = row.identityId;
        }
      } else if (row.status === 'DISCONNECTED') {
        eventType = 'reconnected';
      }
      await repo.update({ id: row.id }, { identityId, credentialId: credential.id, name: account.name });
      const issued = await this.status.apply(row.id, tokenIssuedEvent(now, (row.credentialVersion ?? 0) + 1, tokens, provider), {
        actor: ticket.actor,
        eventType,
        detail: { ...detail, ...extra },
        recordUnchanged: true,
      }, em);
      // The first check follows core's cadence for the row as the status change left it (a Facebook
      // token near its end soon, a Google grant at least daily), instead of waiting to be adopted as
      // unscheduled. A check of the old credential that is running now loses its lease, so its end
      // leaves this schedule standing.
      await repo.update({ id: row.id }, { nextCheckAt: nextCheckAt(issued.integration, now) });
      await em.query(DROP_LEASE_SQL, [row.id]);
      result.integrationIds.push(row.id);
      if (row.id === ticket.integrationId) result.targetFixed = true;
    }

    if (ticket.integrationId && !result.targetFixed) {
      // Recorded, not a status change: the integration stays as it is until its own identity consents.
      const target = await repo.findOne({ where: { id: ticket.integrationId } });
      if (target) {
        await em.getRepository(IntegrationEvent).insert({
          integrationId: target.id,
          tenantId: target.tenantId,
          at: now,
          type: 'reauthorization_unreachable',
          status: target.status,
          cause: target.cause,
          actor: ticket.actor,
          detail: { identityId, reachableAccounts: accounts.length, ...(target.identityId ? { previousIdentityId: target.identityId } : {}) },
        });
      }
    }

    if (previousIdentityId !== null) {
      const reached = new Set(result.integrationIds);
      const left = await repo.find({ where: { tenantId, provider, identityId: previousIdentityId } });
      result.unreachableIntegrationIds = left.filter((row) => !reached.has(row.id) && row.status !== 'DISCONNECTED').map((row) => row.id);
    }
    return result;
  }
}
