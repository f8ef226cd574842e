import type { SandboxContext } from '../context.js';
import { pushNotice, type NoticeResult } from '../notices.js';
import { signRequest } from './signedRequest.js';

/**
 * POSTs form `signed_request` to the app's deauthorize or data-deletion callback, as Facebook does
 * when a person removes the app (or asks for their data to be deleted). Undefined when none is set.
 */
export async function pushFacebookNotice(
  ctx: SandboxContext,
  kind: 'deauthorize' | 'data-deletion',
  userId: string,
): Promise<NoticeResult | undefined> {
  const app = ctx.facebook;
  const url = kind === 'deauthorize' ? app?.deauthorizeCallbackUrl : app?.dataDeletionCallbackUrl;
  if (!app || !url) return undefined;
  const payload = { algorithm: 'HMAC-SHA256', issued_at: Math.floor(ctx.clock.now().getTime() / 1000), user_id: userId };
  const signed = signRequest(payload, app.appSecret);
  const body = new URLSearchParams({ signed_request: signed }).toString();
  return pushNotice(ctx.fetch, ctx.noticeTimeoutMs, { kind, url, payload: signed, decoded: payload }, body, 'application/x-www-form-urlencoded');
}
