import type { Request } from 'express';
import type { TicketRecord } from '../services/TicketService.js';

/**
 * The ticket each in-flight OAuth request belongs to, without touching the request object:
 * set by the start route (a consumed ticket) and the callback route (the ticket of a consumed state).
 */
export const startingTickets = new WeakMap<Request, TicketRecord>();
export const returningTickets = new WeakMap<Request, { ticket: TicketRecord; state: string }>();
