import type { StatusEvent } from '@relink/core';
import { Integration } from '@relink/db';
import type { Services } from '../../services/services.js';
import type { IntegrationChecker } from '../checkReport.js';

export type ScriptedAnswer =
  | { outcome: 'valid'; expiresAt?: Date | null }
  | { outcome: 'invalid'; cause: Extract<StatusEvent, { type: 'CHECK_INVALID' }>['cause'] }
  | { outcome: 'transient'; retryAfterSeconds?: number }
  | { outcome: 'throw' };

/**
 * A stand-in for the provider layer in monitor unit tests: it answers from a script instead of asking
 * a provider, but applies results exactly as the real one must — through StatusService, with the
 * credential version read when the check started. It records every call, so tests can count checks.
 */
export class ScriptedChecker implements IntegrationChecker {
  readonly calls: string[][] = [];
  answer: (integrationId: string, call: number) => ScriptedAnswer = () => ({ outcome: 'valid' });
  /** Runs between reading the version and applying the result (to stage races). */
  duringCheck: (integrationIds: string[]) => Promise<void> = async () => undefined;

  constructor(private readonly services: Services) {}

  get checkedIds(): string[] {
    return this.calls.flat();
  }

  async checkMany(integrationIds: string[]): Promise<Array<{ integrationId: string; outcome: string; retryAfterSeconds?: number }>> {
    const call = this.calls.length;
    this.calls.push([...integrationIds]);
    const rows = await this.services.database.dataSource.getRepository(Integration).findBy(integrationIds.map((id) => ({ id })));
    const versions = new Map(rows.map((r) => [r.id, r.credentialVersion ?? 0]));
    await this.duringCheck(integrationIds);
    const results = [];
    for (const id of integrationIds) {
      const answer = this.answer(id, call);
      if (answer.outcome === 'throw') throw new Error('scripted crash in the middle of a check');
      const base = { at: new Date(), credentialVersion: versions.get(id) ?? 0 };
      const event: StatusEvent =
        answer.outcome === 'valid'
          ? { type: 'CHECK_VALID', ...base, ...(answer.expiresAt !== undefined ? { expiresAt: answer.expiresAt } : {}) }
          : answer.outcome === 'invalid'
            ? { type: 'CHECK_INVALID', ...base, cause: answer.cause }
            : { type: 'CHECK_TRANSIENT', ...base, ...(answer.retryAfterSeconds ? { retryAfterSeconds: answer.retryAfterSeconds } : {}) };
      await this.services.status.apply(id, event, { actor: 'monitor', eventType: 'checked' });
      results.push({ integrationId: id, outcome: answer.outcome, ...(answer.outcome === 'transient' && answer.retryAfterSeconds ? { retryAfterSeconds: answer.retryAfterSeconds } : {}) });
    }
    return results;
  }
}
