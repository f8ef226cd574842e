import { SignJWT } from 'jose';
import type { RiscEventName } from '../causes.js';
import { riscIssuer, type SandboxContext } from '../context.js';
import { pushNotice, type NoticeResult } from '../notices.js';
import type { SandboxUser } from '../store.js';
import { getGrant } from '../users.js';
import { receivesRisc } from './scopes.js';

export const RISC_EVENT_URIS: Record<RiscEventName, string> = {
  'sessions-revoked': 'https://schemas.openid.net/secevent/risc/event-type/sessions-revoked',
  'tokens-revoked': 'https://schemas.openid.net/secevent/oauth/event-type/tokens-revoked',
  'token-revoked': 'https://schemas.openid.net/secevent/oauth/event-type/token-revoked',
  'account-disabled': 'https://schemas.openid.net/secevent/risc/event-type/account-disabled',
  'account-enabled': 'https://schemas.openid.net/secevent/risc/event-type/account-enabled',
  'account-credential-change-required': 'https://schemas.openid.net/secevent/risc/event-type/account-credential-change-required',
  verification: 'https://schemas.openid.net/secevent/risc/event-type/verification',
};

export function jwksUrl(publicUrl: string): string {
  return `${publicUrl}/google/oauth2/v3/certs`;
}

/**
 * `/.well-known/risc-configuration`, shaped like accounts.google.com's (only the endpoints the
 * sandbox has: the JWKS and the verification endpoint that sends a test event).
 */
export function riscConfiguration(ctx: SandboxContext): Record<string, unknown> {
  return {
    issuer: riscIssuer(ctx.publicUrl),
    jwks_uri: jwksUrl(ctx.publicUrl),
    delivery_methods_supported: ['https://schemas.openid.net/secevent/risc/delivery-method/push'],
    verification_endpoint: `${ctx.publicUrl}/google/risc/v1beta/stream:verify`,
  };
}

export interface SecurityEvent {
  jwt: string;
  decoded: Record<string, unknown>;
}

/** A security event token: RS256, `typ: secevent+jwt`, `iss`, `aud` = client id, `iat`, `jti`, `events`. */
export async function securityEvent(
  ctx: SandboxContext,
  user: SandboxUser | undefined,
  event: RiscEventName,
  options: { state?: string; reason?: string } = {},
): Promise<SecurityEvent> {
  const issuer = riscIssuer(ctx.publicUrl);
  const body: Record<string, unknown> =
    event === 'verification'
      ? { state: options.state ?? ctx.mint.jti() }
      : { subject: { subject_type: 'iss-sub', iss: issuer, sub: user?.userId ?? '' } };
  if (event === 'account-disabled') body.reason = options.reason ?? 'hijacking';
  const claims = { iss: issuer, aud: ctx.google?.clientId ?? '', iat: Math.floor(ctx.clock.now().getTime() / 1000), jti: ctx.mint.jti(), events: { [RISC_EVENT_URIS[event]]: body } };
  const jwt = await new SignJWT({ events: claims.events })
    .setProtectedHeader({ alg: 'RS256', kid: ctx.keys.kid, typ: 'secevent+jwt' })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(claims.iat)
    .setJti(claims.jti)
    .sign(ctx.keys.privateKey);
  return { jwt, decoded: claims };
}

export type RiscDelivery = NoticeResult | { kind: 'risc'; skipped: string; decoded: Record<string, unknown>; payload: string };

/**
 * Signs the event and POSTs it to the RISC receiver (`application/secevent+jwt`). Google sends
 * events only for users who granted email/profile to the client; otherwise it is skipped.
 */
export async function pushSecurityEvent(
  ctx: SandboxContext,
  user: SandboxUser | undefined,
  event: RiscEventName,
  options: { state?: string; reason?: string } = {},
): Promise<RiscDelivery> {
  const set = await securityEvent(ctx, user, event, options);
  const url = ctx.google?.riscReceiverUrl;
  if (!url) return { kind: 'risc', skipped: 'no riscReceiverUrl configured', decoded: set.decoded, payload: set.jwt };
  if (user && event !== 'verification') {
    const grant = getGrant(ctx, 'GOOGLE', user.userId, ctx.google?.clientId ?? '');
    if (!grant || !receivesRisc(grant.scopes)) {
      return { kind: 'risc', skipped: 'the user has not granted email or profile to this client', decoded: set.decoded, payload: set.jwt };
    }
  }
  return pushNotice(ctx.fetch, ctx.noticeTimeoutMs, { kind: 'risc', url, payload: set.jwt, decoded: set.decoded }, set.jwt, 'application/secevent+jwt');
}
