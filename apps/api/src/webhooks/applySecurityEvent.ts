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

/** Identities a pushed event is about. Token subjects (a refresh token's prefix or hash) are not matched. */
async function identityIds(services: Services, provider: Provider, subject: SecuritySubject | undefined): Promise<string[]> {
  if (!subject) return [];
  const db = services.database.dataSource;
  switch (subject.kind) {
    case 'facebook-user':
      return (await sqlRows(db, 'SELECT id FROM provider_identities WHERE provider = $1 AND external_user_id = $2', [provider, subject.userId])).map((r) => String(r.id));
    case 'google-iss-sub':
      return (await sqlRows(db, 'SELECT id FROM provider_identities WHERE provider = $1 AND external_user_id = $2', [provider, subject.sub])).map((r) => String(r.id));
    case 'google-email':
      return (await sqlRows(db, 'SELECT id FROM provider_identities WHERE provider = $1 AND lower(email) = lower($2)', [provider, subject.email])).map((r) => String(r.id));
    case 'google-token':
      return [];
    default:
      return [];
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
  const identities = await identityIds(services, input.provider, result.subject);
  const now = new Date();
  const outcome = await services.database.dataSource.transaction(async (em) => {
    const inserted = await sqlRows(
      em,
      'INSERT INTO seen_security_events (provider, dedupe_key) VALUES ($1, $2) ON CONFLICT (provider, dedupe_key) DO NOTHING RETURNING id',
      [input.provider, input.dedupeKey.slice(0, 512)],
    );
    const base: SecurityEventOutcome = { duplicate: inserted.length === 0, identities: identities.length, integrationIds: [], changed: 0, outcome: result.outcome };
    if (base.duplicate || identities.length === 0) return base;
    const rows = await sqlRows(
      em,
      "SELECT id, tenant_id, status, cause FROM integrations WHERE identity_id = ANY($1::uuid[]) AND provider = $2 AND status <> 'DISCONNECTED' ORDER BY id",
      [identities, input.provider],
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
    if (input.deleteTokens) for (const identityId of identities) await services.credentials.deleteTokensOfIdentity(identityId, em);
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
