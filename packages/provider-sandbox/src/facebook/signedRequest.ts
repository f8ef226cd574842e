import { createHmac } from 'node:crypto';

/** Facebook's `signed_request`: base64url(HMAC-SHA256(payload part, app secret)) + '.' + base64url(JSON payload). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', appSecret).update(payloadPart).digest('base64url');
  return `${signature}.${payloadPart}`;
}
