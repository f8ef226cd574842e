import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignedRequestResult =
  | { ok: true; payload: Record<string, unknown>; /** sha256 of the whole signed_request, for deduplication. */ digest: string }
  | { ok: false; reason: string };

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Verifies Facebook's `signed_request` (`base64url(signature).base64url(payload)`): the payload must
 * say `algorithm: HMAC-SHA256` and the signature must equal HMAC-SHA256(payload part as sent, app
 * secret), compared in constant time. Never throws.
 */
export function verifySignedRequest(signedRequest: unknown, appSecret: string): SignedRequestResult {
  if (typeof signedRequest !== 'string' || signedRequest === '') return { ok: false, reason: 'signed_request is missing' };
  if (signedRequest.length > 8192) return { ok: false, reason: 'signed_request is too long' };
  const parts = signedRequest.split('.');
  const [signaturePart, payloadPart] = parts;
  if (parts.length !== 2 || !signaturePart || !payloadPart || !BASE64URL.test(signaturePart) || !BASE64URL.test(payloadPart)) {
    return { ok: false, reason: 'signed_request is not signature.payload in base64url' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the payload is not JSON' };
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return { ok: false, reason: 'the payload is not a JSON object' };
  const record = payload as Record<string, unknown>;
  if (typeof record.algorithm !== 'string' || record.algorithm.toUpperCase() !== 'HMAC-SHA256') {
    return { ok: false, reason: `unsupported algorithm ${JSON.stringify(record.algorithm ?? null)}` };
  }
  const expected = createHmac('sha256', appSecret).update(payloadPart).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true, payload: record, digest: createHash('sha256').update(signedRequest).digest('hex') };
}
