import type { IncomingMessage } from 'node:http';
import type { TicketRecord } from '../services/TicketService.js';

/**
 * The ticket each in-flight OAuth request belongs to, without touching the request object:
 * set by the start route (a consumed ticket) and the callback route (the ticket of a consumed state).
 */
export const startingTickets: WeakMap<IncomingMessage, TicketRecord> = new WeakMap();
export const returningTickets: WeakMap<IncomingMessage, { ticket: TicketRecord; state: string }> = new WeakMap();
