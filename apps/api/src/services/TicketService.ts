import { createHash, randomBytes } from 'node:crypto';
import type { Provider } from '@relink/core';
import { TokenCipher, type OAuthTicketKind, type RelinkDatabase } from '@relink/db';
import { sqlRows, type SqlRow } from './sqlRows.js';

/** A ticket lives 10 minutes from minting; the OAuth state it carries, 20 minutes from the start. */
export const TICKET_LIFETIME_SECONDS = 10 * 60;
export const STATE_LIFETIME_SECONDS = 20 * 60;

export interface TicketRecord {
  id: string;
  tenantId: string;
  provider: Provider;
  kind: OAuthTicketKind;
  integrationId: string | null;
  identityId: string | null;
  returnTo: string | null;
  openerOrigin: string | null;
  actor: string;
  authType: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  /** Decrypted PKCE verifier (only on a ticket returned by `consumeState`). */
  pkceVerifier?: string;
}

export interface MintTicketInput {
  tenantId: string;
  provider: Provider;
  kind: OAuthTicketKind;
  integrationId?: string | null;
  identityId?: string | null;
  returnTo?: string | null;
  openerOrigin?: string | null;
  actor: string;
  authType?: string | null;
}

/** Why a ticket or state was refused, for the page and the log. */
export type TicketRefusal = 'unknown' | 'used' | 'expired';

export type ConsumeResult =
  | { ok: true; ticket: TicketRecord }
  /** `openerOrigin`: where the refused ticket's popup reports to, so the opener still hears of the failure. */
  | { ok: false; reason: TicketRefusal; openerOrigin?: string };

type Row = SqlRow;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toRecord(row: Row): TicketRecord {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    provider: row.provider as Provider,
    kind: row.kind as OAuthTicketKind,
    integrationId: text(row.integration_id),
    identityId: text(row.identity_id),
    returnTo: text(row.return_to),
    openerOrigin: text(row.opener_origin),
    actor: String(row.actor),
    authType: text(row.auth_type),
    expiresAt: date(row.expires_at),
    usedAt: row.used_at === null || row.used_at === undefined ? null : date(row.used_at),
  };
}

/**
 * One-time OAuth tickets: a random 32-byte token (only its sha256 stored), valid 10 minutes, used once.
 * Starting the flow consumes the ticket and binds a fresh OAuth `state` (hash stored) and, for PKCE,
 * the encrypted code verifier to it; the callback consumes the state, once.
 */
export class TicketService {
  private readonly cipher: TokenCipher;

  constructor(
    private readonly database: RelinkDatabase,
    encryptionKeys: string,
  ) {
    this.cipher = TokenCipher.fromSpec(encryptionKeys);
  }

  async mint(input: MintTicketInput): Promise<{ token: string; ticketId: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const rows = await sqlRows(this.database.dataSource, 
      `INSERT INTO oauth_tickets (token_hash, tenant_id, provider, kind, integration_id, identity_id, return_to, opener_origin, actor, auth_type, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(secs => $11))
       RETURNING id, expires_at`,
      [
        sha256Hex(token),
        input.tenantId,
        input.provider,
        input.kind,
        input.integrationId ?? null,
        input.identityId ?? null,
        input.returnTo ?? null,
        input.openerOrigin ?? null,
        input.actor,
        input.authType ?? null,
        TICKET_LIFETIME_SECONDS,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('inserting the OAuth ticket returned no row');
    return { token, ticketId: String(row.id), expiresAt: date(row.expires_at) };
  }

  /** Uses the ticket up, atomically: a second use, an expired or an unknown ticket is refused (and says which). */
  async consume(token: string, provider: Provider): Promise<ConsumeResult> {
    const hash = sha256Hex(token);
    const rows = await sqlRows(this.database.dataSource, 
      `UPDATE oauth_tickets SET used_at = now(), updated_at = now()
       WHERE token_hash = $1 AND provider = $2 AND used_at IS NULL AND expires_at > now() RETURNING *`,
      [hash, provider],
    );
    const row = rows[0];
    if (row) return { ok: true, ticket: toRecord(row) };
    const found = await sqlRows(this.database.dataSource, 
      'SELECT used_at, opener_origin FROM oauth_tickets WHERE token_hash = $1 AND provider = $2',
      [hash, provider],
    );
    const existing = found[0];
    if (!existing) return { ok: false, reason: 'unknown' };
    const openerOrigin = text(existing.opener_origin);
    return { ok: false, reason: existing.used_at ? 'used' : 'expired', ...(openerOrigin ? { openerOrigin } : {}) };
  }

  /** Deletes tickets that expired more than `olderThanSeconds` ago (housekeeping); returns how many. */
  async purgeExpired(olderThanSeconds = 24 * 60 * 60): Promise<number> {
    const rows = await sqlRows(
      this.database.dataSource,
      'DELETE FROM oauth_tickets WHERE expires_at < now() - make_interval(secs => $1) RETURNING id',
      [olderThanSeconds],
    );
    return rows.length;
  }

  /** Binds a fresh `state` (and the PKCE verifier, encrypted) to a consumed ticket; returns the state to send. */
  async bindState(ticketId: string, pkceVerifier: string | undefined): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const verifier = pkceVerifier === undefined ? undefined : this.cipher.encrypt(pkceVerifier);
    const rows = await sqlRows(this.database.dataSource, 
      `UPDATE oauth_tickets SET state_hash = $2, pkce_verifier_ciphertext = $3, pkce_verifier_key_id = $4, updated_at = now()
       WHERE id = $1 AND used_at IS NOT NULL AND state_hash IS NULL RETURNING id`,
      [ticketId, sha256Hex(state), verifier?.ciphertext ?? null, verifier?.keyId ?? null],
    );
    if (rows.length !== 1) throw new Error(`OAuth ticket ${ticketId} cannot take a state (not started, or it already has one)`);
    return state;
  }

  /**
   * Uses the `state` up, atomically: the ticket it belongs to, with its PKCE verifier, or null when
   * the state is unknown, was already used or is older than STATE_LIFETIME_SECONDS. The state hash
   * is cleared in the same statement, so it can never match again.
   */
  async consumeState(provider: Provider, state: string): Promise<TicketRecord | null> {
    if (state === '') return null;
    const rows = await this.database.dataSource.transaction(async (em) => {
      const found = await sqlRows(
        em,
        `SELECT * FROM oauth_tickets
         WHERE state_hash = $1 AND provider = $2 AND used_at > now() - make_interval(secs => $3)
         FOR UPDATE`,
        [sha256Hex(state), provider, STATE_LIFETIME_SECONDS],
      );
      const first = found[0];
      if (!first) return [];
      await em.query(
        `UPDATE oauth_tickets SET state_hash = NULL, pkce_verifier_ciphertext = NULL, pkce_verifier_key_id = NULL, updated_at = now()
         WHERE id = $1`,
        [first.id],
      );
      return [first];
    });
    const row = rows[0];
    if (!row) return null;
    const ticket = toRecord(row);
    if (typeof row.pkce_verifier_ciphertext === 'string' && typeof row.pkce_verifier_key_id === 'string') {
      ticket.pkceVerifier = this.cipher.decrypt({ ciphertext: row.pkce_verifier_ciphertext, keyId: row.pkce_verifier_key_id });
    }
    return ticket;
  }
}
