import type { SecurityEventResult } from '../check-result.js';
import { dateFromUnixSeconds, idAt, isRecord, numberAt, parseJsonLoosely, stringAt } from './json-shape.js';
import { ignoredUnknownEvent } from './provider-module.js';

export const FACEBOOK_DEAUTHORIZE_EVENT = 'deauthorize';

/**
 * A decoded (and already signature-checked) deauthorize `signed_request` payload
 * `{ algorithm: "HMAC-SHA256", issued_at, user_id }`: the person removed the app, so every token
 * they granted is dead from `issued_at` on. Anything else is ignored.
 */
export function classifyFacebookDeauthorize(event: unknown): SecurityEventResult {
  const payload = parseJsonLoosely(event);
  if (!isRecord(payload)) return ignoredUnknownEvent();
  const userId = idAt(payload, 'user_id');
  const algorithm = stringAt(payload, 'algorithm');
  if (userId === undefined || (algorithm !== undefined && algorithm.toUpperCase() !== 'HMAC-SHA256')) return ignoredUnknownEvent();
  const occurredAt = dateFromUnixSeconds(numberAt(payload, 'issued_at'));
  return {
    outcome: 'invalid',
    cause: 'APP_DEAUTHORIZED',
    eventType: FACEBOOK_DEAUTHORIZE_EVENT,
    subject: { kind: 'facebook-user', userId },
    ...(occurredAt ? { occurredAt } : {}),
  };
}
