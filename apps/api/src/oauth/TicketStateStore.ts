import type { Request } from 'express';
import type { TicketService } from '../services/TicketService.js';
import { returningTickets, startingTickets } from './oauthRequestTickets.js';

type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, ok: string | boolean, info?: { message: string; ticketId?: string }) => void;

/**
 * Passport's `state` store, backed by the one-time ticket row: `store` binds a fresh random state
 * (its sha256) and the PKCE verifier (encrypted) to the ticket the start route consumed; `verify`
 * accepts only the state the callback route consumed from that row, and hands back the verifier.
 * There is no session: the ticket row is the only place a state lives.
 */
export class TicketStateStore {
  constructor(private readonly tickets: TicketService) {}

  // passport-oauth2 picks the signature by arity: (req, verifier, state, meta, cb) stores with PKCE.
  store(req: Request, verifier: string | undefined, _state: unknown, _meta: unknown, callback: StoreCallback): void {
    const ticket = startingTickets.get(req);
    if (!ticket) {
      callback(new Error('no started ticket for this OAuth request'));
      return;
    }
    this.tickets.bindState(ticket.id, typeof verifier === 'string' ? verifier : undefined).then(
      (state) => callback(null, state),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  verify(req: Request, state: string, callback: VerifyCallback): void {
    const returning = returningTickets.get(req);
    if (!returning || typeof state !== 'string' || returning.state !== state) {
      callback(null, false, { message: 'The sign-in state is missing, forged or already used.' });
      return;
    }
    callback(null, returning.ticket.pkceVerifier ?? true, { message: 'ok', ticketId: returning.ticket.id });
  }
}
