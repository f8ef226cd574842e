import type { RelinkDatabase } from '@relink/db';
import { IntegrationLeases } from './IntegrationLeases.js';

/** NOTIFY channel that wakes every worker's sweep at once (any process may send it). */
export const CHECK_REQUEST_CHANNEL = 'relink_check_requested';

/**
 * "Check these integrations now": after a provider webhook, an API call failure reported by a host
 * app, or anything else that makes a status doubtful. Works from any process (API or worker): the
 * rows become due and every worker's sweep is woken, so the check starts within one job poll.
 */
export class CheckRequests {
  private readonly leases: IntegrationLeases;

  constructor(private readonly database: RelinkDatabase) {
    this.leases = new IntegrationLeases(database);
  }

  /** Returns how many integrations were made due (disconnected ones are not). */
  async request(integrationIds: readonly string[], reason: string): Promise<number> {
    const touched = await this.leases.requestCheck(integrationIds);
    if (touched > 0) await this.database.executeSql('SELECT pg_notify($1, $2)', [CHECK_REQUEST_CHANNEL, JSON.stringify({ count: touched, reason })]);
    return touched;
  }
}
