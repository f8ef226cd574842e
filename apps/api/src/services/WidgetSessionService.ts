import { randomUUID } from 'node:crypto';
import { WidgetSession, type RelinkDatabase } from '@relink/db';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { parseOrigin } from '../auth/origin.js';
import { sha256Hex } from '../auth/secrets.js';
import { deriveWidgetKey } from '../auth/widgetKey.js';
import { badInput, notFound, RelinkError } from '../graphql/errors.js';
import { isUuid } from '../graphql/ids.js';
import type { Viewer } from '../graphql/viewer.js';
import type { AuditService } from './AuditService.js';

const ISSUER = 'relink';
const AUDIENCE = 'relink-widget';
export const WIDGET_TTL_MIN_SECONDS = 60;
export const WIDGET_TTL_MAX_SECONDS = 86_400;

export interface WidgetSessionRecord {
  id: string;
  tenantId: string;
  allowedOrigin: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface CreatedWidgetSession {
  /** The bearer token for the widget (a JWT): returned once, only its sha256 is kept. */
  token: string;
  session: WidgetSessionRecord;
}

const toRecord = (row: WidgetSession): WidgetSessionRecord => ({
  id: row.id,
  tenantId: row.tenantId,
  allowedOrigin: row.allowedOrigin,
  expiresAt: row.expiresAt,
  revokedAt: row.revokedAt,
  createdAt: row.createdAt,
});

const unauthenticated = (message: string) => new RelinkError('UNAUTHENTICATED', message, { http: { status: 401 } });

/**
 * Short-lived widget tokens: an HS256 JWT (`sub` = tenant, `jti` = the widget_sessions row, `origin`)
 * that is honoured only from its allowed origin, before it expires, while its row is not revoked.
 */
export class WidgetSessionService {
  private readonly key: Uint8Array;

  constructor(
    private readonly database: RelinkDatabase,
    encryptionKeys: string,
    private readonly audit: AuditService,
  ) {
    this.key = deriveWidgetKey(encryptionKeys);
  }

  async create(viewer: Viewer, tenantId: string, allowedOrigin: string, ttlSeconds: number): Promise<CreatedWidgetSession> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < WIDGET_TTL_MIN_SECONDS || ttlSeconds > WIDGET_TTL_MAX_SECONDS) {
      throw badInput(`ttlSeconds must be a whole number from ${WIDGET_TTL_MIN_SECONDS} to ${WIDGET_TTL_MAX_SECONDS}, got ${ttlSeconds}.`, 'ttlSeconds');
    }
    const origin = parseOrigin(allowedOrigin);
    const id = randomUUID();
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
    const token = await new SignJWT({ origin })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(tenantId)
      .setJti(id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    const row = await this.database.dataSource.transaction(async (em) => {
      const repo = em.getRepository(WidgetSession);
      const saved = await repo.save(repo.create({ id, tenantId, tokenHash: sha256Hex(token), allowedOrigin: origin, expiresAt, revokedAt: null }));
      await this.audit.record(viewer, { action: 'widget_session.create', tenantId, targetType: 'widget_session', targetId: id, detail: { allowedOrigin: origin, ttlSeconds } }, em);
      return saved;
    });
    return { token, session: toRecord(row) };
  }

  /** Whether `token` looks like a widget token at all (a JWT), so other token kinds are not tried. */
  static looksLikeWidgetToken(token: string): boolean {
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
  }

  /**
   * The session behind `token` when it is valid for a request from `origin`; null when it is not a
   * token of ours. Throws UNAUTHENTICATED (expired, revoked) or FORBIDDEN (wrong or missing origin).
   */
  async verify(token: string, origin: string | undefined): Promise<WidgetSessionRecord | null> {
    let subject: string | undefined;
    let jti: string | undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      subject = payload.sub;
      jti = payload.jti;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthenticated('This widget session has expired. The host page must ask its backend for a new one (createWidgetSession).');
      }
      return null;
    }
    if (!jti || !subject || !isUuid(jti)) return null;
    const row = await this.database.dataSource.getRepository(WidgetSession).findOneBy({ id: jti });
    if (!row || row.tokenHash !== sha256Hex(token) || row.tenantId !== subject) return null;
    if (row.revokedAt) throw unauthenticated('This widget session was revoked. The host page must ask its backend for a new one (createWidgetSession).');
    if (row.expiresAt.getTime() <= Date.now()) {
      throw unauthenticated('This widget session has expired. The host page must ask its backend for a new one (createWidgetSession).');
    }
    if (!origin) throw new RelinkError('FORBIDDEN', 'A widget session token is accepted only from a browser page on its allowed origin (the request had no Origin header).', { http: { status: 403 } });
    if (origin !== row.allowedOrigin) {
      throw new RelinkError('FORBIDDEN', `This widget session is not valid on ${origin}: it was created for another origin.`, { http: { status: 403 } });
    }
    return toRecord(row);
  }

  /** Whether a session is still usable (not revoked, not expired): long-lived sockets re-check it. */
  async isLive(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const row = await this.database.dataSource.getRepository(WidgetSession).findOneBy({ id });
    return !!row && !row.revokedAt && row.expiresAt.getTime() > Date.now();
  }

  async list(tenantId: string): Promise<WidgetSessionRecord[]> {
    const rows = await this.database.dataSource.getRepository(WidgetSession).find({ where: { tenantId }, order: { createdAt: 'DESC' }, take: 100 });
    return rows.map(toRecord);
  }

  /** Revokes a session of `tenantId` (undefined: any tenant); its token stops working at once. */
  async revoke(viewer: Viewer, id: string, tenantId: string | undefined): Promise<WidgetSessionRecord> {
    const repo = this.database.dataSource.getRepository(WidgetSession);
    const row = isUuid(id) ? await repo.findOneBy({ id }) : null;
    if (!row || (tenantId !== undefined && row.tenantId !== tenantId)) throw notFound('widget session', id);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.database.dataSource.transaction(async (em) => {
        await em.getRepository(WidgetSession).update({ id }, { revokedAt: row.revokedAt });
        await this.audit.record(viewer, { action: 'widget_session.revoke', tenantId: row.tenantId, targetType: 'widget_session', targetId: id }, em);
      });
    }
    return toRecord(row);
  }
}

