import { isOk, jsonObject, providerFetch, type ProviderAnswer } from './providerFetch.js';
import type { Listing } from './FacebookGraphClient.js';

export interface GoogleOAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface GoogleEndpoints {
  tokenURL: string;
  userProfileURL: string;
  revokeURL: string;
  adsApiBaseURL: string;
}

export interface GoogleCustomer {
  /** The 10-digit customer id. */
  id: string;
  name: string;
}

/** The Google calls Relink makes; answers come back as they are, to be classified by core. */
export class GoogleClient {
  constructor(
    private readonly endpoints: GoogleEndpoints,
    private readonly client: GoogleOAuthClient,
    /** Google Ads API developer token, sent as `developer-token` when set. */
    private readonly developerToken?: string,
  ) {}

  /** `POST /token grant_type=refresh_token`: a fresh access token (or why the grant is dead). */
  refresh(refreshToken: string): Promise<ProviderAnswer> {
    return providerFetch(this.endpoints.tokenURL, {
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.client.clientId, client_secret: this.client.clientSecret },
    });
  }

  userinfo(accessToken: string): Promise<ProviderAnswer> {
    return providerFetch(this.endpoints.userProfileURL, { headers: { authorization: `Bearer ${accessToken}` } });
  }

  private ads(path: string, accessToken: string): Promise<ProviderAnswer> {
    return providerFetch(`${this.endpoints.adsApiBaseURL}/${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, ...(this.developerToken ? { 'developer-token': this.developerToken } : {}) },
    });
  }

  /** `GET customers:listAccessibleCustomers` → resource names `customers/<id>`. */
  listAccessibleCustomers(accessToken: string): Promise<ProviderAnswer> {
    return this.ads('customers:listAccessibleCustomers', accessToken);
  }

  /** `GET customers/<id>`: a cheap call that proves the token still reaches that customer. */
  customer(accessToken: string, customerId: string): Promise<ProviderAnswer> {
    return this.ads(`customers/${encodeURIComponent(customerId)}`, accessToken);
  }

  /** Every customer the token reaches, with its descriptive name where the API gives one. */
  async customers(accessToken: string): Promise<Listing<GoogleCustomer>> {
    const listed = await this.listAccessibleCustomers(accessToken);
    const body = jsonObject(listed);
    if (!isOk(listed) || !body) return { ok: false, answer: listed };
    const names = Array.isArray(body.resourceNames) ? (body.resourceNames as unknown[]) : [];
    const items: GoogleCustomer[] = [];
    for (const resource of names) {
      const id = typeof resource === 'string' ? /^customers\/(\d+)$/.exec(resource)?.[1] : undefined;
      if (!id) continue;
      const detail = await this.customer(accessToken, id);
      const detailBody = jsonObject(detail);
      const name = isOk(detail) && typeof detailBody?.descriptiveName === 'string' && detailBody.descriptiveName !== '' ? detailBody.descriptiveName : id;
      items.push({ id, name });
    }
    return { ok: true, items };
  }

  /** `POST /revoke?token=`: revoking the access token revokes its refresh token too. */
  revoke(token: string): Promise<ProviderAnswer> {
    return providerFetch(this.endpoints.revokeURL, { form: { token } });
  }
}
