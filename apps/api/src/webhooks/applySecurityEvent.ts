import { createHash } from 'node:crypto';
import type { InvalidationCause, Provider, SecurityEventResult, SecuritySubject } from '@relink/core';
import { IntegrationEvent } from '@relink/db';
import type { Services } from '../services/services.js';
import { sqlRows } from '../services/sqlRows.js';

export interface SecurityEventInput {
  provider: Provider;
  /** Unique per event (RISC `jti`, hash of a signed_request): a second delivery changes nothing. */
  dedupeKey: string;
  result: SecurityEventResult;
  /** `provider:facebook-deauthorize`, `provider:google-risc`, … */
  actor: string;
  /** Also delete the stored tokens of the matched identities (Google tokens-revoked, data deletion). */
  deleteTokens?: boolean;
  /** Forget the person's name and email (data deletion). */
  forgetIdentity?: boolean;
}

export interface SecurityEventOutcome {
  duplicate: boolean;
  identities: number;
  /** Integrations the event was applied to (or recorded on, for advisories). */
  integrationIds: string[];
  /** Integrations whose status changed. */
  changed: number;
  outcome: SecurityEventResult['outcome'];
}

/** A RISC `oauth_token` subject names a refresh token by its first characters or a double SHA-512 hash. */
export function refreshTokenMatcher(subject: Extract<SecuritySubject, { kind: 'google-token' }>): ((token: string) => boolean) | undefined {
  const given = subject.token;
  const alg = subject.tokenIdentifierAlg ?? 'prefix';
  if (alg === 'prefix') return given.length >= 8 ? (token) => token.startsWith(given) : undefined;
  if (alg === 'hash_base64_sha512_sha512') {
    return (token) => {
      const inner = createHash('sha512').update(token).digest();
      const binary = createHash('sha512').update(inner).digest('base64');
      const hex = createHash('sha512').update(inner.toString('hex')).digest('base64');
      return given === binary || given === hex;
    };
  }
  return undefined;
}

/** Who a pushed event is about: identities (all their integrations), or single credentials (a token subject). */
async function subjectsOf(services: Services, provider: Provider, subject: SecuritySubject | undefined): Promise<{ identityIds: string[]; credentialIds: string[] }> {
  const none = { identityIds: [], credentialIds: [] };
  if (!subject) return none;
  const db = services.database.dataSource;
  const ids = async (text: string, params: unknown[]) => (await sqlRows(db, text, params)).map((r) => String(r.id));
  switch (subject.kind) {
    case 'facebook-user':
      return { identityIds: await ids('SELECT id FROM provider_identities WHERE provider = $1 AND external_user_id = $2', [provider, subject.userId]), credentialIds: [] };
    case 'google-iss-sub':
      return { identityIds: await ids('SELECT id FROM provider_identities WHERE provider = $1 AND external_user_id = $2', [provider, subject.sub]), credentialIds: [] };
    case 'google-email':
      return { identityIds: await ids('SELECT id FROM provider_identities WHERE provider = $1 AND lower(email) = lower($2)', [provider, subject.email]), credentialIds: [] };
    case 'google-token': {
      const matches = refreshTokenMatcher(subject);
      return matches ? { identityIds: [], credentialIds: await services.credentials.findByRefreshToken(provider, matches) } : none;
    }
    default:
      return none;
  }
}

/**
 * Turns a verified, classified provider push into state-machine events for every live integration
 * of the identity it names, in one transaction with the deduplication row: SECURITY_EVENT (window
 * from the provider's own time) for invalidations, a history note for advisories, nothing for
 * ignored events. `recheck` outcomes (Google account-enabled) are rechecked after the commit.
 */
export async function applySecurityEvent(services: Services, input: SecurityEventInput): Promise<SecurityEventOutcome> {
  const { result } = input;
  const { identityIds: identities, credentialIds } = await subjectsOf(services, input.provider, result.subject);
  const now = new Date();
  const outcome = await services.database.dataSource.transaction(async (em) => {
    const inserted = await sqlRows(
      em,
      'INSERT INTO seen_security_events (provider, dedupe_key) VALUES ($1, $2) ON CONFLICT (provider, dedupe_key) DO NOTHING RETURNING id',
      [input.provider, input.dedupeKey.slice(0, 512)],
    );
    const base: SecurityEventOutcome = { duplicate: inserted.length === 0, identities: identities.length, integrationIds: [], changed: 0, outcome: result.outcome };
    if (base.duplicate || (identities.length === 0 && credentialIds.length === 0)) return base;
    const rows = await sqlRows(
      em,
      `SELECT id, tenant_id, status, cause FROM integrations
       WHERE (identity_id = ANY($1::uuid[]) OR credential_id = ANY($2::uuid[])) AND provider = $3 AND status <> 'DISCONNECTED' ORDER BY id`,
      [identities, credentialIds, input.provider],
    );
    const ids = rows.map((r) => String(r.id));
    base.integrationIds = ids;
    const detail = { eventType: result.eventType, ...(result.occurredAt ? { occurredAt: result.occurredAt.toISOString() } : {}) };
    if (result.outcome === 'invalid') {
      const cause: InvalidationCause = result.cause;
      const applied = await services.status.applyMany(
        ids,
        { type: 'SECURITY_EVENT', at: now, cause, occurredAt: result.occurredAt ?? now },
        { actor: input.actor, eventType: 'security_event', detail, recordUnchanged: true },
        em,
      );
      base.changed = applied.filter((a) => a.transition.changed).length;
    } else if (result.outcome === 'advisory') {
      for (const row of rows) {
        await em.getRepository(IntegrationEvent).insert({
          integrationId: String(row.id),
          tenantId: String(row.tenant_id),
          at: now,
          type: 'security_advisory',
          status: row.status as IntegrationEvent['status'],
          cause: (row.cause as InvalidationCause | null) ?? null,
          actor: input.actor,
          detail,
        });
      }
    }
    if (input.deleteTokens) {
      for (const identityId of identities) await services.credentials.deleteTokensOfIdentity(identityId, em);
      await services.credentials.deleteTokens(credentialIds, em);
    }
    if (input.forgetIdentity) {
      await em.query("UPDATE provider_identities SET name = 'Deleted user', email = NULL, updated_at = now() WHERE id = ANY($1::uuid[])", [identities]);
    }
    return base;
  });
  if (!outcome.duplicate && result.outcome === 'recheck') {
    for (const identityId of identities) await services.checks.recheckIdentity(identityId, input.actor);
  }
  return outcome;
}
