import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiscVerifier } from './RiscVerifier.js';

describe('RiscVerifier', () => {
  let server: Server;
  let base: string;
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;
  let configurationRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/risc-configuration') {
        configurationRequests += 1;
        res.end(JSON.stringify({ issuer: 'https://issuer.example/', jwks_uri: `${base}/certs` }));
      } else if (req.url === '/certs') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const token = (claims: Record<string, unknown>, key: CryptoKey = privateKey, options: { iss?: string; aud?: string; jti?: string | null } = {}) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'secevent+jwt' }).setIssuedAt();
    jwt = jwt.setIssuer(options.iss ?? 'https://issuer.example/').setAudience(options.aud ?? 'client-1');
    if (options.jti !== null) jwt = jwt.setJti(options.jti ?? 'jti-1');
    return jwt.sign(key);
  };
  const events = { events: { 'https://schemas.openid.net/secevent/risc/event-type/sessions-revoked': { subject: { subject_type: 'iss-sub', iss: 'x', sub: '1' } } } };

  it('accepts a token from the issuer for our client, and caches the discovery document', async () => {
    const verifier = new RiscVerifier(`${base}/.well-known/risc-configuration`, ['client-1', 'client-2']);
    const first = await verifier.verify(await token(events));
    expect(first).toMatchObject({ ok: true, claims: { jti: 'jti-1', aud: 'client-1' } });
    await verifier.verify(await token(events, privateKey, { aud: 'client-2', jti: 'jti-2' }));
    expect(configurationRequests).toBe(1);
  });

  it.each([
    ['another audience', { aud: 'someone-else' }, /aud/],
    ['another issuer', { iss: 'https://evil.example/' }, /iss/],
    ['no jti', { jti: null }, /jti/],
  ])('refuses %s', async (_name, options, reason) => {
    const verifier = new RiscVerifier(`${base}/.well-known/risc-configuration`, ['client-1']);
    const result = await verifier.verify(await token(events, privateKey, options));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('refuses a token signed with another key, and garbage', async () => {
    const verifier = new RiscVerifier(`${base}/.well-known/risc-configuration`, ['client-1']);
    expect((await verifier.verify(await token(events, strangerKey))).ok).toBe(false);
    expect((await verifier.verify('not.a.jwt')).ok).toBe(false);
    expect((await verifier.verify('')).ok).toBe(false);
  });

  it('says "unavailable" (not invalid) when the issuer cannot be reached', async () => {
    const verifier = new RiscVerifier('http://127.0.0.1:1/.well-known/risc-configuration', ['client-1']);
    expect(await verifier.verify(await token(events))).toMatchObject({ ok: false, unavailable: true });
  });
});
