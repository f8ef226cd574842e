import type { SecurityEventResult, SecuritySubject } from '../check-result.js';
import type { InvalidationCause } from '../invalidation-cause.js';
import { dateFromUnixSeconds, isRecord, numberAt, parseJsonLoosely, recordAt, stringAt, type JsonRecord } from './json-shape.js';
import { ignoredUnknownEvent } from './provider-module.js';

const RISC = 'https://schemas.openid.net/secevent/risc/event-type/';
const OAUTH = 'https://schemas.openid.net/secevent/oauth/event-type/';

export const RISC_EVENT_TYPES = Object.freeze({
  sessionsRevoked: `${RISC}sessions-revoked`,
  tokensRevoked: `${OAUTH}tokens-revoked`,
  tokenRevoked: `${OAUTH}token-revoked`,
  accountDisabled: `${RISC}account-disabled`,
  accountEnabled: `${RISC}account-enabled`,
  credentialChangeRequired: `${RISC}account-credential-change-required`,
  verification: `${RISC}verification`,
});

type Verdict = { outcome: 'invalid'; cause: InvalidationCause } | { outcome: 'advisory' } | { outcome: 'recheck' } | { outcome: 'ignored' };

/** Event type (by its path after `/secevent/`, so scheme or host variations still match) → what it means for us. */
const VERDICTS: ReadonlyMap<string, Verdict> = new Map<string, Verdict>([
  ['risc/event-type/sessions-revoked', { outcome: 'invalid', cause: 'SESSION_INVALIDATED' }],
  ['oauth/event-type/tokens-revoked', { outcome: 'invalid', cause: 'APP_DEAUTHORIZED' }],
  ['oauth/event-type/token-revoked', { outcome: 'invalid', cause: 'APP_DEAUTHORIZED' }],
  ['risc/event-type/account-disabled', { outcome: 'invalid', cause: 'ACCOUNT_DISABLED' }],
  ['risc/event-type/account-enabled', { outcome: 'recheck' }],
  ['risc/event-type/account-credential-change-required', { outcome: 'advisory' }],
  ['risc/event-type/verification', { outcome: 'ignored' }],
]);

function verdictFor(eventType: string): Verdict | undefined {
  const marker = '/secevent/';
  const at = eventType.indexOf(marker);
  return at < 0 ? undefined : VERDICTS.get(eventType.slice(at + marker.length).replace(/\/+$/, ''));
}

/** RISC subjects: `iss-sub`, `email`, `id_token_claims` (iss+sub or email), `oauth_token` (a token's prefix or hash). */
export function riscSubject(subject: JsonRecord | undefined): SecuritySubject | undefined {
  const iss = stringAt(subject, 'iss');
  const sub = stringAt(subject, 'sub');
  const email = stringAt(subject, 'email');
  const token = stringAt(subject, 'token');
  switch (stringAt(subject, 'subject_type')) {
    case 'iss-sub':
    case 'id_token_claims':
      if (iss && sub) return { kind: 'google-iss-sub', iss, sub };
      return email ? { kind: 'google-email', email } : undefined;
    case 'email':
      return email ? { kind: 'google-email', email } : undefined;
    case 'oauth_token': {
      if (!token) return undefined;
      const alg = stringAt(subject, 'token_identifier_alg');
      return { kind: 'google-token', tokenType: stringAt(subject, 'token_type') ?? 'refresh_token', token, ...(alg ? { tokenIdentifierAlg: alg } : {}) };
    }
    default:
      return undefined;
  }
}

/**
 * A decoded (already verified) Cross-Account Protection security event token
 * `{ iss, aud, iat, jti, events: { <event-type URI>: { subject, reason? } } }`. `eventType` is the
 * URI; `occurredAt` is `iat`. An event that would change a status but names no usable subject
 * is ignored (there is nobody to apply it to); the verification event is ignored by design.
 */
export function classifyGoogleRisc(event: unknown): SecurityEventResult {
  const token = parseJsonLoosely(event);
  const events = recordAt(token, 'events');
  if (!isRecord(token) || !events) return ignoredUnknownEvent();
  const occurredAt = dateFromUnixSeconds(numberAt(token, 'iat'));
  const when = occurredAt ? { occurredAt } : {};
  const types = Object.keys(events);

  for (const eventType of types) {
    const verdict = verdictFor(eventType);
    if (verdict === undefined) continue;
    if (verdict.outcome === 'ignored') return { ...verdict, eventType, ...when };
    const subject = riscSubject(recordAt(events[eventType], 'subject'));
    return subject ? { ...verdict, eventType, subject, ...when } : { outcome: 'ignored', eventType, ...when };
  }
  return { outcome: 'ignored', eventType: types[0] ?? 'unknown', ...when };
}
