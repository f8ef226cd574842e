import type { Services } from '../services/services.js';
import { WidgetSessionService } from '../services/WidgetSessionService.js';
import { BOOTSTRAP_STAFF } from '../services/StaffService.js';
import { RelinkError } from '../graphql/errors.js';
import { ANONYMOUS, type Viewer } from '../graphql/viewer.js';
import { API_KEY_PREFIX } from './secrets.js';

const unauthenticated = (message: string) => new RelinkError('UNAUTHENTICATED', message, { http: { status: 401 } });

/** Pulls the token out of `Bearer <token>`; undefined for no header, an error for a malformed one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization?.trim()) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

/**
 * Decides who is calling: no header is anonymous; a tenant API key, a widget session token (only from
 * its allowed `origin`) or a staff token is that viewer; anything else is UNAUTHENTICATED.
 */
export async function authenticate(services: Services, authorization: string | undefined, origin?: string): Promise<Viewer> {
  const token = bearerToken(authorization);
  if (token === undefined) return ANONYMOUS;
  if (services.staff.isBootstrapToken(token)) return { kind: 'STAFF', staffId: BOOTSTRAP_STAFF.id, name: BOOTSTRAP_STAFF.name };
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await services.apiKeys.verify(token);
    if (key) return { kind: 'TENANT', tenantId: key.tenantId, apiKeyId: key.id };
  } else if (WidgetSessionService.looksLikeWidgetToken(token)) {
    const session = await services.widgetSessions.verify(token, origin);
    if (session) return { kind: 'WIDGET', tenantId: session.tenantId, sessionId: session.id, origin: session.allowedOrigin, expiresAt: session.expiresAt };
  } else {
    const staff = await services.staff.verify(token);
    if (staff) return { kind: 'STAFF', staffId: staff.id, name: staff.name };
  }
  throw unauthenticated('This token is not valid (expired, revoked or mistyped). Ask for a new one.');
}
