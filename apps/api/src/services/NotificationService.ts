import { TokenCipher, WebhookDelivery, WebhookEndpoint, type RelinkDatabase } from '@relink/db';
import { WebhookSigner } from './WebhookSigner.js';

/** How outgoing webhooks are retried. Delays grow base · 2^(attempt−1), capped, with up to 20% jitter. */
export interface DeliveryPolicy {
  /** Attempts before a delivery is marked `failed`. */
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Per request (each redirect hop included). */
  timeoutMs: number;
  /** Redirects followed, and only to the same host over the same or a safer scheme. */
  maxRedirects: number;
}

export const DEFAULT_DELIVERY_POLICY: Readonly<DeliveryPolicy> = Object.freeze({
  maxAttempts: 8,
  baseDelaySeconds: 30,
  maxDelaySeconds: 6 * 3600,
  timeoutMs: 10_000,
  maxRedirects: 3,
});

export type DeliveryOutcome =
  | { result: 'delivered'; statusCode: number; attempts: number }
  | { result: 'retry'; statusCode: number | null; error: string; attempts: number; nextAttemptAt: Date }
  | { result: 'failed'; statusCode: number | null; error: string; attempts: number }
  | { result: 'skipped'; reason: string };

export interface NotificationServiceOptions {
  policy?: Partial<DeliveryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
}

interface PostResult {
  statusCode: number | null;
  error: string | null;
  retryAfterSeconds?: number;
}

const USER_AGENT = 'Relink-Webhooks/1.0';

function retryAfterSeconds(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** A redirect stays on the same host and never downgrades https to http. */
function allowedRedirect(from: URL, to: URL): boolean {
  if (to.host !== from.host) return false;
  return to.protocol === from.protocol || (from.protocol === 'http:' && to.protocol === 'https:');
}

/**
 * Outgoing webhooks. StatusService writes a `pending` WebhookDelivery row per enabled endpoint in
 * the status transaction; the monitor claims due rows (`claimDue`) and a pg-boss job calls `deliver`
 * for each: a signed POST (Standard Webhooks) with a 10 s timeout, never following a redirect to
 * another host, and the outcome recorded on the row (attempts, last status code/error, next attempt,
 * delivered at; `failed` after `maxAttempts`).
 */
export class NotificationService {
  readonly policy: DeliveryPolicy;
  private readonly cipher: TokenCipher;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;

  constructor(
    private readonly database: RelinkDatabase,
    encryptionKeys: string,
    options: NotificationServiceOptions = {},
  ) {
    this.cipher = TokenCipher.fromSpec(encryptionKeys);
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.random = options.random ?? Math.random;
  }

  /**
   * Takes up to `limit` pending deliveries that are due and leases them for `leaseSeconds` (their
   * next attempt moves to the lease's end, so a crashed worker's delivery comes due again).
   * SKIP LOCKED: concurrent workers never take the same row.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<string[]> {
    const { rows } = await this.database.executeSql<{ id: string }>(
      `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, leaseSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** One attempt at one delivery, recorded on its row. Never throws for a receiver's failure. */
  async deliver(deliveryId: string, now: Date = new Date()): Promise<DeliveryOutcome> {
    const repo = this.database.dataSource.getRepository(WebhookDelivery);
    const delivery = await repo.findOne({ where: { id: deliveryId } });
    if (!delivery) return { result: 'skipped', reason: `delivery ${deliveryId} does not exist` };
    if (delivery.status !== 'pending') return { result: 'skipped', reason: `delivery is already ${delivery.status}` };
    const endpoint = await this.database.dataSource.getRepository(WebhookEndpoint).findOne({ where: { id: delivery.endpointId } });
    if (!endpoint || endpoint.disabledAt) {
      return this.record(delivery, { statusCode: null, error: 'endpoint disabled or removed' }, now, true);
    }
    let signer: WebhookSigner;
    try {
      signer = new WebhookSigner(this.cipher.decrypt({ keyId: endpoint.secretKeyId, ciphertext: endpoint.secretCiphertext }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return this.record(delivery, { statusCode: null, error: `cannot sign: ${reason}` }, now, true);
    }
    const body = JSON.stringify(delivery.payload);
    const headers = {
      ...signer.headers(delivery.webhookId, body, now),
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    };
    const result = await this.post(endpoint.url, body, headers);
    return this.record(delivery, result, now, false);
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return { statusCode: null, error: `endpoint URL ${JSON.stringify(url)} is not a URL` };
    }
    for (let hop = 0; hop <= this.policy.maxRedirects; hop += 1) {
      let response: Response;
      try {
        response = await this.fetch(target, {
          method: 'POST',
          body,
          headers,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.policy.timeoutMs),
        });
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        const message = name === 'TimeoutError' || name === 'AbortError'
          ? `timed out after ${this.policy.timeoutMs / 1000} s`
          : error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
        return { statusCode: null, error: message };
      }
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          return { statusCode: response.status, error: `redirect to an invalid URL ${JSON.stringify(location)}` };
        }
        if (!allowedRedirect(target, next)) {
          return { statusCode: response.status, error: `redirect to another host refused (${next.protocol}//${next.host})` };
        }
        target = next;
        continue;
      }
      if (response.status >= 200 && response.status < 300) return { statusCode: response.status, error: null };
      const wait = response.status === 429 || response.status === 503 ? retryAfterSeconds(response.headers.get('retry-after')) : undefined;
      return { statusCode: response.status, error: `HTTP ${response.status}`, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) };
    }
    return { statusCode: null, error: `more than ${this.policy.maxRedirects} redirects` };
  }

  /** The delay before attempt `attempts + 1`. */
  retryDelaySeconds(attempts: number, retryAfter?: number): number {
    const exponential = Math.min(this.policy.maxDelaySeconds, this.policy.baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
    const jittered = exponential * (0.8 + 0.2 * Math.min(Math.max(this.random(), 0), 1));
    return Math.min(this.policy.maxDelaySeconds, Math.max(jittered, retryAfter ?? 0));
  }

  private async record(delivery: WebhookDelivery, result: PostResult, now: Date, final: boolean): Promise<DeliveryOutcome> {
    const attempts = delivery.attempts + 1;
    const repo = this.database.dataSource.getRepository(WebhookDelivery);
    const where = { id: delivery.id, status: 'pending' as const };
    if (result.error === null && result.statusCode !== null) {
      await repo.update(where, { status: 'delivered', attempts, lastStatusCode: result.statusCode, lastError: null, nextAttemptAt: null, deliveredAt: now });
      return { result: 'delivered', statusCode: result.statusCode, attempts };
    }
    const error = (result.error ?? 'unknown error').slice(0, 500);
    if (final || attempts >= this.policy.maxAttempts) {
      await repo.update(where, { status: 'failed', attempts, lastStatusCode: result.statusCode, lastError: error, nextAttemptAt: null });
      return { result: 'failed', statusCode: result.statusCode, error, attempts };
    }
    const nextAttemptAt = new Date(now.getTime() + this.retryDelaySeconds(attempts, result.retryAfterSeconds) * 1000);
    await repo.update(where, { attempts, lastStatusCode: result.statusCode, lastError: error, nextAttemptAt });
    return { result: 'retry', statusCode: result.statusCode, error, attempts, nextAttemptAt };
  }
}
