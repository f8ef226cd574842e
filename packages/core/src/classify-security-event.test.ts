import { describe, expect, it } from 'vitest';
import type { Provider } from './provider.js';
import { classifySecurityEvent } from './classify-security-event.js';
import { RISC_EVENT_TYPES } from './providers/google-risc.js';

const ISS_SUB = { subject_type: 'iss-sub', iss: 'https://accounts.google.com/', sub: '7375626A656374' };
const set = (eventType: string, payload: Record<string, unknown> = { subject: ISS_SUB }, iat: unknown = 1508184845) => ({
  iss: 'https://accounts.google.com/',
  aud: '123456789-abcedfgh.apps.googleusercontent.com',
  iat,
  jti: '756E69717565206964656E746966696572',
  events: { [eventType]: payload },
});
const AT = new Date(1508184845 * 1000);
const subject = { kind: 'google-iss-sub', iss: 'https://accounts.google.com/', sub: '7375626A656374' };

describe('Facebook deauthorize', () => {
  it('→ APP_DEAUTHORIZED for the user, at issued_at', () => {
    expect(classifySecurityEvent('FACEBOOK', { algorithm: 'HMAC-SHA256', issued_at: 1700000000, user_id: '123456' })).toEqual({
      outcome: 'invalid',
      cause: 'APP_DEAUTHORIZED',
      eventType: 'deauthorize',
      occurredAt: new Date(1700000000 * 1000),
      subject: { kind: 'facebook-user', userId: '123456' },
    });
  });

  it('accepts JSON text, a numeric user id, and a payload without issued_at', () => {
    expect(classifySecurityEvent('FACEBOOK', '{"algorithm":"hmac-sha256","user_id":42}')).toEqual({
      outcome: 'invalid',
      cause: 'APP_DEAUTHORIZED',
      eventType: 'deauthorize',
      subject: { kind: 'facebook-user', userId: '42' },
    });
  });

  it.each([null, undefined, 'garbage', 7, [], {}, { user_id: '' }, { algorithm: 'none', user_id: '1' }, { user_id: { a: 1 } }])('ignores %j', (event) => {
    expect(classifySecurityEvent('FACEBOOK', event)).toEqual({ outcome: 'ignored', eventType: 'unknown' });
  });
});

describe('Google RISC security event tokens', () => {
  it.each([
    [RISC_EVENT_TYPES.sessionsRevoked, 'SESSION_INVALIDATED'],
    [RISC_EVENT_TYPES.tokensRevoked, 'APP_DEAUTHORIZED'],
    [RISC_EVENT_TYPES.accountDisabled, 'ACCOUNT_DISABLED'],
  ] as const)('%s → invalid %s at iat', (eventType, cause) => {
    expect(classifySecurityEvent('GOOGLE', set(eventType))).toEqual({ outcome: 'invalid', cause, eventType, occurredAt: AT, subject });
  });

  it('account-disabled for hijacking carries the cause whatever the reason', () => {
    for (const reason of ['hijacking', 'bulk-account', undefined]) {
      expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.accountDisabled, { subject: ISS_SUB, reason }))).toMatchObject({
        outcome: 'invalid',
        cause: 'ACCOUNT_DISABLED',
      });
    }
  });

  it('token-revoked names the token by prefix or hash', () => {
    const tokenSubject = { subject_type: 'oauth_token', token_type: 'refresh_token', token_identifier_alg: 'prefix', token: '1//0gabc' };
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.tokenRevoked, { subject: tokenSubject }))).toEqual({
      outcome: 'invalid',
      cause: 'APP_DEAUTHORIZED',
      eventType: RISC_EVENT_TYPES.tokenRevoked,
      occurredAt: AT,
      subject: { kind: 'google-token', tokenType: 'refresh_token', tokenIdentifierAlg: 'prefix', token: '1//0gabc' },
    });
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.tokenRevoked, { subject: { subject_type: 'oauth_token', token: 'h' } }))).toMatchObject({
      subject: { kind: 'google-token', tokenType: 'refresh_token', token: 'h' },
    });
  });

  it('account-enabled → recheck; credential-change-required → advisory; verification → ignored', () => {
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.accountEnabled))).toEqual({
      outcome: 'recheck',
      eventType: RISC_EVENT_TYPES.accountEnabled,
      occurredAt: AT,
      subject,
    });
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.credentialChangeRequired))).toEqual({
      outcome: 'advisory',
      eventType: RISC_EVENT_TYPES.credentialChangeRequired,
      occurredAt: AT,
      subject,
    });
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.verification, { state: 'abc' }))).toEqual({
      outcome: 'ignored',
      eventType: RISC_EVENT_TYPES.verification,
      occurredAt: AT,
    });
  });

  it('subjects by email and id_token_claims', () => {
    const email = { subject_type: 'email', email: 'ana@example.com' };
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.sessionsRevoked, { subject: email }))).toMatchObject({
      subject: { kind: 'google-email', email: 'ana@example.com' },
    });
    const claims = { subject_type: 'id_token_claims', iss: 'https://accounts.google.com', sub: '1' };
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.sessionsRevoked, { subject: claims }))).toMatchObject({
      subject: { kind: 'google-iss-sub', iss: 'https://accounts.google.com', sub: '1' },
    });
    const claimsByEmail = { subject_type: 'id_token_claims', email: 'b@example.com' };
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.sessionsRevoked, { subject: claimsByEmail }))).toMatchObject({
      subject: { kind: 'google-email', email: 'b@example.com' },
    });
  });

  it('an actionable event without a usable subject is ignored (nobody to apply it to)', () => {
    for (const s of [undefined, { subject_type: 'iss-sub', iss: 'x' }, { subject_type: 'email' }, { subject_type: 'oauth_token' }, { subject_type: 'phone', phone: '1' }, { subject_type: 'id_token_claims' }]) {
      expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.sessionsRevoked, { subject: s }))).toEqual({
        outcome: 'ignored',
        eventType: RISC_EVENT_TYPES.sessionsRevoked,
        occurredAt: AT,
      });
    }
  });

  it('unknown event types are ignored, named; a recognised one later in the token still counts', () => {
    const unknown = 'https://schemas.openid.net/secevent/risc/event-type/something-new';
    expect(classifySecurityEvent('GOOGLE', set(unknown))).toEqual({ outcome: 'ignored', eventType: unknown, occurredAt: AT });
    const both = set(unknown);
    (both.events as Record<string, unknown>)[RISC_EVENT_TYPES.sessionsRevoked] = { subject: ISS_SUB };
    expect(classifySecurityEvent('GOOGLE', both)).toMatchObject({ outcome: 'invalid', cause: 'SESSION_INVALIDATED' });
    expect(classifySecurityEvent('GOOGLE', set('urn:other'))).toMatchObject({ outcome: 'ignored', eventType: 'urn:other' });
    expect(classifySecurityEvent('GOOGLE', { ...set(unknown), events: {} })).toEqual({ outcome: 'ignored', eventType: 'unknown', occurredAt: AT });
  });

  it('a missing or unreadable iat leaves occurredAt out; JSON text is accepted', () => {
    expect(classifySecurityEvent('GOOGLE', set(RISC_EVENT_TYPES.sessionsRevoked, { subject: ISS_SUB }, 'yesterday'))).toEqual({
      outcome: 'invalid',
      cause: 'SESSION_INVALIDATED',
      eventType: RISC_EVENT_TYPES.sessionsRevoked,
      subject,
    });
    expect(classifySecurityEvent('GOOGLE', JSON.stringify(set(RISC_EVENT_TYPES.sessionsRevoked)))).toMatchObject({ outcome: 'invalid' });
  });

  it.each([null, undefined, 'garbage', 0, [], {}, { events: [] }, { events: 'x' }])('ignores %j', (event) => {
    expect(classifySecurityEvent('GOOGLE', event)).toEqual({ outcome: 'ignored', eventType: 'unknown' });
  });

  it('a provider that is not one is a bug and throws clearly', () => {
    expect(() => classifySecurityEvent('MYSPACE' as Provider, {})).toThrow(/"MYSPACE" is not a Provider/);
  });
});
