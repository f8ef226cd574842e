import { describe, expect, it } from 'vitest';
import { classifyGraphBatchResponse } from './graph-batch.js';

const NOW = new Date('2025-05-13T12:00:00.000Z');
const item = (code: number, body: unknown, headers: Array<{ name: string; value: string }> = []) => ({
  code,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('classifyGraphBatchResponse', () => {
  it('classifies each item on its own, in order', () => {
    const items = [
      item(200, { data: { is_valid: true, expires_at: NOW.getTime() / 1000 + 60, scopes: ['ads_read', 'ads_management'], user_id: '7' } }),
      item(400, { error: { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 } }),
      null,
      item(400, { error: { code: 4, is_transient: true, message: '(#4) Application request limit reached' } }, [
        { name: 'Content-Type', value: 'text/javascript; charset=UTF-8' },
        { name: 'X-Business-Use-Case-Usage', value: '{"9":[{"type":"ads_insights","estimated_time_to_regain_access":3}]}' },
      ]),
      item(200, { data: { is_valid: true, scopes: ['ads_read'] } }),
      item(500, 'oops'),
    ];
    expect(classifyGraphBatchResponse(items, { now: NOW, requiredScopes: ['ads_read', 'ads_management'] })).toEqual([
      { outcome: 'valid', expiresAt: new Date(NOW.getTime() + 60_000), scopes: ['ads_read', 'ads_management'], externalUserId: '7' },
      { outcome: 'invalid', cause: 'TOKEN_EXPIRED' },
      { outcome: 'transient' },
      { outcome: 'transient', retryAfterSeconds: 180 },
      { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' },
      { outcome: 'transient' },
    ]);
  });

  it('accepts the raw JSON text of the batch answer and bodies that are already objects', () => {
    const text = JSON.stringify([item(200, { id: '1' })]);
    expect(classifyGraphBatchResponse(text)).toEqual([{ outcome: 'valid' }]);
    expect(classifyGraphBatchResponse([{ code: 403, body: { error: { code: 200 } } }])).toEqual([
      { outcome: 'invalid', cause: 'PERMISSIONS_CHANGED' },
    ]);
  });

  it('malformed items are transient; a non-array answer gives no results', () => {
    expect(classifyGraphBatchResponse([{}, 'x', 3, { code: 'abc' }, { code: 200, headers: 'nope', body: '' }])).toEqual([
      { outcome: 'transient' },
      { outcome: 'transient' },
      { outcome: 'transient' },
      { outcome: 'transient' },
      { outcome: 'transient' },
    ]);
    expect(classifyGraphBatchResponse({ error: { code: 100, message: 'Maximum batch size is 50' } })).toEqual([]);
    expect(classifyGraphBatchResponse(undefined)).toEqual([]);
    expect(classifyGraphBatchResponse('not json')).toEqual([]);
    expect(classifyGraphBatchResponse([], null as never)).toEqual([]);
  });

  it('header entries without a string name or value are skipped', () => {
    const odd = { code: 429, headers: [{ name: 'Retry-After' }, null, { name: 'retry-after', value: '7' }], body: '' };
    expect(classifyGraphBatchResponse([odd])).toEqual([{ outcome: 'transient', retryAfterSeconds: 7 }]);
  });
});
