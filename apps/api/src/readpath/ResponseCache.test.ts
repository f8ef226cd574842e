import { describe, expect, it } from 'vitest';
import { ResponseCache } from './ResponseCache.js';

const entry = (fingerprint: string, n: number) => ({ fingerprint, body: `{"data":{"n":${n}}}\n` });

describe('ResponseCache', () => {
  it('serves an entry only under the fingerprint it was computed under, and forgets a stale one', () => {
    const cache = new ResponseCache();
    cache.set('TENANT:t', 'op', entry('f1', 1));
    expect(cache.get('TENANT:t', 'op', 'f1')?.body).toBe('{"data":{"n":1}}\n');
    expect(cache.get('TENANT:t', 'op', 'f2')).toBeUndefined();
    expect(cache.has('TENANT:t', 'op')).toBe(false);
    expect(cache.get('TENANT:t', 'other', 'f1')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 1, stale: 1, misses: 1, entries: 0 });
  });

  it('drops every viewer kind of a tenant, keeps the least recently used tenants within bounds', () => {
    const cache = new ResponseCache(2, 2);
    cache.set('TENANT:a', 'op', entry('f', 1));
    cache.set('WIDGET:a', 'op', entry('f', 2));
    cache.dropTenant('a');
    expect(cache.stats().entries).toBe(0);
    cache.set('TENANT:a', 'op', entry('f', 1));
    cache.set('TENANT:b', 'op', entry('f', 2));
    cache.get('TENANT:a', 'op', 'f');
    cache.set('TENANT:c', 'op', entry('f', 3));
    expect(cache.has('TENANT:a', 'op')).toBe(true);
    expect(cache.has('TENANT:b', 'op')).toBe(false);
    cache.set('TENANT:c', 'op2', entry('f', 4));
    cache.set('TENANT:c', 'op3', entry('f', 5));
    expect(cache.has('TENANT:c', 'op')).toBe(false);
    expect(cache.has('TENANT:c', 'op3')).toBe(true);
  });

  it('remembers which operations were ever cached', () => {
    const cache = new ResponseCache();
    expect(cache.knowsOperation('h', 'Q')).toBe(false);
    cache.rememberOperation('h', 'Q');
    expect(cache.knowsOperation('h', 'Q')).toBe(true);
    expect(cache.knowsOperation('h', null)).toBe(false);
  });
});
