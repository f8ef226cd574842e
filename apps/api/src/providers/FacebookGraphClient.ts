import { createHmac } from 'node:crypto';
import { isOk, jsonObject, providerFetch, type ProviderAnswer } from './providerFetch.js';

export interface FacebookApp {
  appId: string;
  appSecret: string;
}

export interface FacebookAdAccount {
  /** `act_<digits>` */
  id: string;
  name: string;
}

export type Listing<T> = { ok: true; items: T[] } | { ok: false; answer: ProviderAnswer };

/** Graph allows at most 50 requests in one batch call. */
export const GRAPH_BATCH_LIMIT = 50;
const MAX_AD_ACCOUNT_PAGES = 40;

/** `appsecret_proof`: hex HMAC-SHA256 of the access token keyed with the app secret. */
export function appsecretProof(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

/**
 * The Graph API calls Relink makes. Every call carries `appsecret_proof`; tokens travel in the
 * Authorization header where Graph allows it. Answers are returned as they came, to be classified by core.
 */
export class FacebookGraphClient {
  constructor(
    private readonly graphBaseUrl: string,
    private readonly tokenUrl: string,
    private readonly app: FacebookApp,
  ) {}

  /** `APP_ID|APP_SECRET`, the app access token debug_token needs. */
  get appToken(): string {
    return `${this.app.appId}|${this.app.appSecret}`;
  }

  private url(path: string, query: Record<string, string>, token: string): string {
    const url = new URL(`${this.graphBaseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('appsecret_proof', appsecretProof(token, this.app.appSecret));
    return url.toString();
  }

  private get(path: string, token: string, query: Record<string, string> = {}): Promise<ProviderAnswer> {
    return providerFetch(this.url(path, query, token), { headers: { authorization: `Bearer ${token}` } });
  }

  /** `GET /oauth/access_token?grant_type=fb_exchange_token`: a short-lived user token for a ~60-day one. */
  exchangeForLongLived(shortLivedToken: string): Promise<ProviderAnswer> {
    const url = new URL(this.tokenUrl);
    url.searchParams.set('grant_type', 'fb_exchange_token');
    url.searchParams.set('client_id', this.app.appId);
    url.searchParams.set('client_secret', this.app.appSecret);
    url.searchParams.set('fb_exchange_token', shortLivedToken);
    return providerFetch(url.toString());
  }

  /** `GET /me?fields=id,name,email`. */
  me(token: string): Promise<ProviderAnswer> {
    return this.get('me', token, { fields: 'id,name,email' });
  }

  /** `GET /act_<id>?fields=id,name,account_status`: can this token still reach the ad account? */
  adAccount(token: string, accountId: string): Promise<ProviderAnswer> {
    return this.get(accountId, token, { fields: 'id,name,account_status' });
  }

  /** Every ad account the token reaches, following `paging.next` cursors. */
  async adAccounts(token: string): Promise<Listing<FacebookAdAccount>> {
    const items: FacebookAdAccount[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_AD_ACCOUNT_PAGES; page += 1) {
      const answer = await this.get('me/adaccounts', token, { fields: 'id,name,account_id', limit: '100', ...(after ? { after } : {}) });
      const body = jsonObject(answer);
      if (!isOk(answer) || !body || !Array.isArray(body.data)) return { ok: false, answer };
      for (const row of body.data as unknown[]) {
        const record = row && typeof row === 'object' ? (row as Record<string, unknown>) : {};
        if (typeof record.id !== 'string') continue;
        items.push({ id: record.id, name: typeof record.name === 'string' && record.name !== '' ? record.name : record.id });
      }
      const paging = body.paging && typeof body.paging === 'object' ? (body.paging as Record<string, unknown>) : {};
      const cursors = paging.cursors && typeof paging.cursors === 'object' ? (paging.cursors as Record<string, unknown>) : {};
      if (typeof paging.next !== 'string' || typeof cursors.after !== 'string') return { ok: true, items };
      after = cursors.after;
    }
    return { ok: true, items };
  }

  /** `GET /debug_token?input_token=T` with the app token. */
  debugToken(inputToken: string): Promise<ProviderAnswer> {
    return this.get('debug_token', this.appToken, { input_token: inputToken });
  }

  /**
   * debug_token for up to 50 tokens in one `POST /` batch call; the answer's body is the array of
   * per-item results (classify with core's classifyGraphBatchResponse).
   */
  debugTokens(inputTokens: readonly string[]): Promise<ProviderAnswer> {
    if (inputTokens.length === 0 || inputTokens.length > GRAPH_BATCH_LIMIT) {
      throw new RangeError(`a Graph batch carries 1 to ${GRAPH_BATCH_LIMIT} requests, got ${inputTokens.length}`);
    }
    const batch = inputTokens.map((token) => ({ method: 'GET', relative_url: `debug_token?input_token=${encodeURIComponent(token)}` }));
    const appToken = this.appToken;
    return providerFetch(`${this.graphBaseUrl}/`, {
      method: 'POST',
      form: { batch: JSON.stringify(batch), include_headers: 'true', access_token: appToken, appsecret_proof: appsecretProof(appToken, this.app.appSecret) },
    });
  }

  /** `DELETE /me/permissions`: the user's grant to this app ends and every token of it dies. */
  revokePermissions(token: string): Promise<ProviderAnswer> {
    return providerFetch(this.url('me/permissions', {}, token), { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  }
}
