import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignedRequest } from './facebookSignedRequest.js';

const SECRET = 'app-secret-123';
const sign = (payload: unknown, secret = SECRET) => {
  const part = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', secret).update(part).digest('base64url')}.${part}`;
};

describe('verifySignedRequest', () => {
  it('accepts a request signed with the app secret and returns its payload', () => {
    const result = verifySignedRequest(sign({ algorithm: 'HMAC-SHA256', issued_at: 1700000000, user_id: '123' }), SECRET);
    expect(result).toMatchObject({ ok: true, payload: { user_id: '123', issued_at: 1700000000 }, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it.each([
    ['another secret', sign({ algorithm: 'HMAC-SHA256', user_id: '1' }, 'other'), /signature mismatch/],
    ['another algorithm', sign({ algorithm: 'HMAC-SHA1', user_id: '1' }), /unsupported algorithm/],
    ['no algorithm', sign({ user_id: '1' }), /unsupported algorithm/],
    ['a truncated signature', sign({ algorithm: 'HMAC-SHA256', user_id: '1' }).slice(4), /signature mismatch/],
    ['no dot', 'abc', /base64url/],
    ['three parts', 'a.b.c', /base64url/],
    ['a payload that is not JSON', `abc.${Buffer.from('nope').toString('base64url')}`, /not JSON/],
    ['an array payload', sign([1, 2]), /not a JSON object/],
    ['nothing', undefined, /missing/],
  ])('refuses %s', (_name, input, reason) => {
    const result = verifySignedRequest(input, SECRET);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});
