import { hostFailureHint, type HostFailureHint } from '@relink/core';
import { IntegrationEvent, type Integration, type RelinkDatabase } from '@relink/db';
import { badInput } from '../graphql/errors.js';
import type { CheckRequests } from '../monitor/CheckRequests.js';

/** The history row's type for a failure a host app reported. */
export const HOST_REPORTED_FAILURE = 'host_reported_failure';

/** A provider's error JSON is a few KB at most; more is not an error body. */
export const MAX_ERROR_BODY_CHARS = 16_384;

/**
 * Reports of one integration within this many seconds of one that requested a check are recorded
 * but request nothing more: that check is still due or running, and a host app whose every call
 * fails (and reports each) must not wake every worker's sweep once per call.
 */
export const REPORT_COALESCE_SECONDS = 5;

export interface HostFailureInput {
  /** The HTTP status the host app's provider call got. */
  httpStatus?: number | null;
  /** The provider's response body the host app got (JSON or text). */
  errorBody?: string | null;
}

export interface HostFailureOutcome {
  /** False when a report of the last few seconds had already requested the check (or it is disconnected by now). */
  checkRequested: boolean;
  hint: HostFailureHint | undefined;
}

function checkInput(input: HostFailureInput): { httpStatus: number | null; errorBody: string | null } {
  const { httpStatus = null, errorBody = null } = input;
  if (httpStatus !== null && !(Number.isInteger(httpStatus) && httpStatus >= 100 && httpStatus <= 599)) {
    throw badInput(`httpStatus must be the HTTP status code the provider answered (100–599), got ${String(httpStatus)}.`, 'httpStatus');
  }
  if (errorBody !== null) {
    if (errorBody.length > MAX_ERROR_BODY_CHARS) {
      throw badInput(`errorBody is ${errorBody.length} characters; send at most ${MAX_ERROR_BODY_CHARS} (the provider's error JSON is enough).`, 'errorBody');
    }
    if (errorBody.includes('\u0000')) throw badInput('errorBody must be the text of the provider\'s response; it contains a NUL character.', 'errorBody');
  }
  return { httpStatus, errorBody };
}

/**
 * "A provider call with this integration's token just failed", as a host app (or its widget, or
 * staff) reports it. The host's word never changes the status — a reverse proxy, a bug or a rate
 * limit look the same from there: it is recorded in the history (with what the error body hints at,
 * never the body itself, which may carry anything) and the monitor is asked to check now, so a real
 * invalidation shows within seconds.
 */
export class HostFailureReportService {
  constructor(
    private readonly database: RelinkDatabase,
    private readonly checkRequests: CheckRequests,
  ) {}

  async report(integration: Integration, input: HostFailureInput, actor: string): Promise<HostFailureOutcome> {
    const { httpStatus, errorBody } = checkInput(input);
    if (integration.status === 'DISCONNECTED' || integration.disconnectedAt) {
      throw badInput(`Integration ${integration.id} is disconnected, so Relink no longer checks it: connect the ad account again first.`, 'integrationId');
    }
    const now = new Date();
    const hint = hostFailureHint(integration.provider, { httpStatus, errorBody }, now);
    const events = this.database.dataSource.getRepository(IntegrationEvent);

    // Not atomic with the request below: two reports at once may both request, which is harmless
    // (a request only makes the row due now, or marks a running check to run again).
    const recent = await events
      .createQueryBuilder('e')
      .select('e.id')
      .where('e.integrationId = :id AND e.type = :type AND e.at > :since', {
        id: integration.id,
        type: HOST_REPORTED_FAILURE,
        since: new Date(now.getTime() - REPORT_COALESCE_SECONDS * 1000),
      })
      .andWhere("e.detail->>'checkRequested' = 'true'")
      .getOne();
    const checkRequested = recent ? false : (await this.checkRequests.request([integration.id], `${HOST_REPORTED_FAILURE} ${integration.id}`)) > 0;

    const detail: Record<string, unknown> = {
      httpStatus,
      ...(hint?.outcome === 'invalid' ? { hint: hint.cause } : {}),
      ...(hint ? { hintOutcome: hint.outcome } : {}),
      ...(errorBody !== null ? { errorBodyChars: errorBody.length } : {}),
      checkRequested,
      ...(recent ? { coalesced: true } : {}),
    };
    await events.save(
      events.create({
        integrationId: integration.id,
        tenantId: integration.tenantId,
        at: now,
        type: HOST_REPORTED_FAILURE,
        // As it stands: the report changes nothing about the status.
        status: integration.status,
        cause: integration.cause,
        actor,
        detail,
      }),
    );
    return { checkRequested, hint };
  }
}
