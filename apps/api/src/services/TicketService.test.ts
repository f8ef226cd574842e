import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type RelinkDatabase } from '@relink/db';
import { testConfig } from '../test-support/testConfig.js';
import { sha256Hex, TicketService } from './TicketService.js';

describe('TicketService', () => {
  let database: RelinkDatabase;
  let tickets: TicketService;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase('api_tickets');
    tickets = new TicketService(database, testConfig().encryptionKeys);
    const rows: Array<{ id: string }> = await database.dataSource.query("INSERT INTO tenants (name) VALUES ('T') RETURNING id");
    tenantId = rows[0]!.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  const mint = () => tickets.mint({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test' });

  it('stores only the hash of a 32-byte random token, valid for 10 minutes', async () => {
    const { token, ticketId, expiresAt } = await mint();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows: Array<{ token_hash: string }> = await database.dataSource.query('SELECT token_hash FROM oauth_tickets WHERE id = $1', [ticketId]);
    expect(rows[0]!.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(await database.dataSource.query('SELECT * FROM oauth_tickets'))).not.toContain(token);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(590_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('is used once, even when two requests race for it', async () => {
    const { token } = await mint();
    const results = await Promise.all([tickets.consume(token, 'GOOGLE'), tickets.consume(token, 'GOOGLE'), tickets.consume(token, 'GOOGLE')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['used', 'used']);
    const opened = await tickets.mint({ tenantId, provider: 'GOOGLE', kind: 'connect', actor: 'test', openerOrigin: 'https://host.example' });
    await tickets.consume(opened.token, 'GOOGLE');
    expect(await tickets.consume(opened.token, 'GOOGLE')).toEqual({ ok: false, reason: 'used', openerOrigin: 'https://host.example' });
  });

  it('tells expired, unknown and wrong-provider tickets apart', async () => {
    const { token, ticketId } = await mint();
    expect(await tickets.consume(token, 'FACEBOOK')).toEqual({ ok: false, reason: 'unknown' });
    await database.dataSource.query("UPDATE oauth_tickets SET expires_at = now() - interval '1 second' WHERE id = $1", [ticketId]);
    expect(await tickets.consume(token, 'GOOGLE')).toEqual({ ok: false, reason: 'expired' });
    expect(await tickets.consume('nope', 'GOOGLE')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('binds one state (with the PKCE verifier encrypted) and gives it back once', async () => {
    const { token } = await mint();
    const consumed = await tickets.consume(token, 'GOOGLE');
    if (!consumed.ok) throw new Error('not consumed');
    const state = await tickets.bindState(consumed.ticket.id, 'verifier-abc');
    await expect(tickets.bindState(consumed.ticket.id, 'again')).rejects.toThrow(/cannot take a state/);
    const rows: Array<{ pkce_verifier_ciphertext: string }> = await database.dataSource.query('SELECT pkce_verifier_ciphertext FROM oauth_tickets WHERE id = $1', [
      consumed.ticket.id,
    ]);
    expect(rows[0]!.pkce_verifier_ciphertext).not.toContain('verifier-abc');
    expect(await tickets.consumeState('FACEBOOK', state)).toBeNull();
    const back = await tickets.consumeState('GOOGLE', state);
    expect(back).toMatchObject({ id: consumed.ticket.id, pkceVerifier: 'verifier-abc' });
    expect(await tickets.consumeState('GOOGLE', state)).toBeNull();
  });

  it('refuses a state older than its lifetime, and purges long-expired tickets', async () => {
    const { token, ticketId } = await mint();
    const consumed = await tickets.consume(token, 'GOOGLE');
    if (!consumed.ok) throw new Error('not consumed');
    const state = await tickets.bindState(consumed.ticket.id, undefined);
    await database.dataSource.query("UPDATE oauth_tickets SET used_at = now() - interval '1 hour', expires_at = now() - interval '2 days' WHERE id = $1", [ticketId]);
    expect(await tickets.consumeState('GOOGLE', state)).toBeNull();
    expect(await tickets.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left: Array<{ n: number }> = await database.dataSource.query('SELECT count(*)::int AS n FROM oauth_tickets WHERE id = $1', [ticketId]);
    expect(left[0]!.n).toBe(0);
  });
});
