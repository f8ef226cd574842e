import { createHash, timingSafeEqual } from 'node:crypto';
import type { Services } from '../services/services.js';
import { unauthenticated } from '../graphql/errors.js';
import { ANONYMOUS, type Viewer } from '../graphql/viewer.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** Reads `Authorization: Bearer <token>`; no header is anonymous, an unknown token is an error. */
export async function authenticate(services: Services, authorization: string | undefined): Promise<Viewer> {
  if (!authorization) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const token = match[1]!;
  const adminToken = services.config.adminToken;
  if (adminToken && sameSecret(token, adminToken)) return { kind: 'STAFF', staffId: 'bootstrap', name: 'Bootstrap admin' };
  throw unauthenticated('This token is not valid (expired, revoked or mistyped). Ask for a new one.');
}
