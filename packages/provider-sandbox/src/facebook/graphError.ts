import type { SandboxContext } from '../context.js';
import type { ProviderResponse } from '../shared/http.js';

export interface GraphErrorInput {
  code: number;
  message: string;
  subcode?: number;
  type?: string;
  status?: number;
  isTransient?: boolean;
  userTitle?: string;
  userMessage?: string;
  headers?: Record<string, string>;
  /** The `WWW-Authenticate` error name (`invalid_token`, `invalid_code`, `invalid_request`). */
  authenticate?: string;
}

/** A Graph API error answer: `{"error":{message,type,code,error_subcode,…,fbtrace_id}}`. */
export function graphError(ctx: SandboxContext, input: GraphErrorInput): ProviderResponse {
  const fbtraceId = ctx.mint.fbtraceId();
  const error: Record<string, unknown> = { message: input.message, type: input.type ?? 'OAuthException', code: input.code };
  if (input.subcode !== undefined) error.error_subcode = input.subcode;
  if (input.isTransient !== undefined) error.is_transient = input.isTransient;
  if (input.userTitle) error.error_user_title = input.userTitle;
  if (input.userMessage) error.error_user_msg = input.userMessage;
  error.fbtrace_id = fbtraceId;
  const headers: Record<string, string> = { 'x-fb-trace-id': fbtraceId, ...input.headers };
  const authenticate = input.authenticate ?? (input.code === 190 ? 'invalid_token' : undefined);
  if (authenticate) headers['www-authenticate'] = `OAuth "Facebook Platform" "${authenticate}" "${input.message.replace(/"/g, "'")}"`;
  return { status: input.status ?? 400, body: { error }, headers };
}

const WEEKDAY_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** Facebook's expiry wording: `Tuesday, 07-Feb-24 09:54:00 PST`. */
export function facebookDate(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => WEEKDAY_FORMAT.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}
