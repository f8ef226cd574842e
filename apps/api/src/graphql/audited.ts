import type { AuditInput } from '../services/AuditService.js';
import type { RequestContext } from './context.js';
import { RelinkError } from './errors.js';

/**
 * Runs an action another service owns (connections, checks) and records it in the audit log with
 * its outcome, success or failure; the action's own error is what the caller sees.
 */
export async function audited<T>(ctx: RequestContext, input: AuditInput, action: () => Promise<T>): Promise<T> {
  let outcome: Record<string, unknown> = { outcome: 'ok' };
  try {
    return await action();
  } catch (error) {
    outcome = { outcome: 'failed', code: error instanceof RelinkError ? error.code : 'INTERNAL_SERVER_ERROR' };
    throw error;
  } finally {
    try {
      await ctx.services.audit.record(ctx.viewer, { ...input, detail: { ...input.detail, ...outcome } });
    } catch (auditError) {
      ctx.log.error({ err: auditError, action: input.action }, 'could not write the audit log');
    }
  }
}
