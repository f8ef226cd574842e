import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { jsonObject, providerFetch } from '../providers/providerFetch.js';

interface Discovery {
  issuer: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

export type RiscVerification = { ok: true; claims: JWTPayload & { jti: string } } | { ok: false; reason: string; unavailable?: boolean };

const DISCOVERY_TTL_MS = 60 * 60 * 1000;

/**
 * Verifies Google Cross-Account Protection security event tokens: issuer and `jwks_uri` come from
 * the RISC configuration document (cached an hour), keys from the JWKS (jose caches and refreshes
 * them), `iss` must be the issuer, `aud` one of our client ids, and `jti` present. `exp` is not
 * required (Google's events carry none).
 */
export class RiscVerifier {
  private discovery: Discovery | undefined;

  constructor(
    private readonly configurationUrl: string,
    private readonly audiences: readonly string[],
  ) {}

  private async discover(): Promise<Discovery | string> {
    if (this.discovery && Date.now() - this.discovery.fetchedAt < DISCOVERY_TTL_MS) return this.discovery;
    const answer = await providerFetch(this.configurationUrl);
    const body = jsonObject(answer);
    if (answer.status !== 200 || typeof body?.issuer !== 'string' || typeof body.jwks_uri !== 'string') {
      return `RISC configuration unavailable (${answer.status === null ? (answer.error ?? 'no answer') : `HTTP ${answer.status}`})`;
    }
    let jwksUrl: URL;
    try {
      jwksUrl = new URL(body.jwks_uri);
    } catch {
      return 'RISC configuration has an invalid jwks_uri';
    }
    this.discovery = { issuer: body.issuer, jwks: createRemoteJWKSet(jwksUrl, { timeoutDuration: 10_000 }), fetchedAt: Date.now() };
    return this.discovery;
  }

  async verify(token: string): Promise<RiscVerification> {
    if (token === '' || token.length > 16_384) return { ok: false, reason: 'the body is not a security event token' };
    const discovery = await this.discover();
    if (typeof discovery === 'string') return { ok: false, reason: discovery, unavailable: true };
    try {
      const { payload } = await jwtVerify(token, discovery.jwks, {
        issuer: discovery.issuer,
        audience: [...this.audiences],
        algorithms: ['RS256', 'RS384', 'RS512', 'ES256'],
      });
      if (typeof payload.jti !== 'string' || payload.jti === '') return { ok: false, reason: 'the token has no jti' };
      if (typeof payload.iat !== 'number') return { ok: false, reason: 'the token has no iat' };
      return { ok: true, claims: payload as JWTPayload & { jti: string } };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = `${typeof code === 'string' ? code : 'ERR_JWT'}: ${error instanceof Error ? error.message : String(error)}`;
      // The keys could not be fetched: that says nothing about the token (the sender should retry).
      const unavailable = code === 'ERR_JWKS_TIMEOUT' || (error instanceof TypeError && /fetch/i.test(error.message));
      return { ok: false, reason, ...(unavailable ? { unavailable } : {}) };
    }
  }
}
