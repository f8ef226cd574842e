import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The three Standard Webhooks headers of one signed message. */
export interface SignedWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">`, keyed with the base64-decoded part of
 * the endpoint's `whsec_` secret; `webhook-timestamp` is in whole seconds.
 */
export class WebhookSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (typeof secret !== 'string' || !secret.startsWith(PREFIX)) {
      throw new Error('A webhook secret must be a string starting with "whsec_"');
    }
    const encoded = secret.slice(PREFIX.length);
    if (!BASE64.test(encoded) || encoded.length % 4 !== 0) throw new Error('A webhook secret must be "whsec_" followed by base64');
    this.key = Buffer.from(encoded, 'base64');
    if (this.key.length < 16) throw new Error(`A webhook secret must hold at least 16 bytes, this one holds ${this.key.length}`);
  }

  /** A fresh random secret (24 bytes, as Standard Webhooks libraries generate). */
  static generateSecret(): string {
    return `${PREFIX}${randomBytes(24).toString('base64')}`;
  }

  /** `v1,<signature>` for one message. `timestampSeconds` is a Unix time in whole seconds. */
  signature(webhookId: string, timestampSeconds: number, body: string): string {
    if (!webhookId || /[\s.]/.test(webhookId)) throw new Error(`webhook id must be non-empty without dots or spaces, got ${JSON.stringify(webhookId)}`);
    if (!Number.isInteger(timestampSeconds) || timestampSeconds < 0) throw new Error(`timestamp must be whole seconds, got ${timestampSeconds}`);
    const mac = createHmac('sha256', this.key).update(`${webhookId}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
    return `v1,${mac}`;
  }

  /** The headers to send with `body`, signed at `at`. */
  headers(webhookId: string, body: string, at: Date = new Date()): SignedWebhookHeaders {
    const timestamp = Math.floor(at.getTime() / 1000);
    return {
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': this.signature(webhookId, timestamp, body),
    };
  }
}
