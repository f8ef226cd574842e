import { describe, expect, it } from 'vitest';
import { headerReader, retryAfterHeaderSeconds } from './header-reader.js';

describe('headerReader', () => {
  it('reads plain objects case-insensitively and joins repeated values', () => {
    const read = headerReader({ 'Retry-After': '5', 'Set-Cookie': ['a=1', 'b=2'], Empty: undefined });
    expect(read('retry-after')).toBe('5');
    expect(read('RETRY-AFTER')).toBe('5');
    expect(read('set-cookie')).toBe('a=1, b=2');
    expect(read('empty')).toBeUndefined();
    expect(read('missing')).toBeUndefined();
  });

  it('reads a Headers instance', () => {
    const read = headerReader(new Headers({ 'X-App-Usage': '{}' }));
    expect(read('x-app-usage')).toBe('{}');
    expect(read('nope')).toBeUndefined();
  });

  it('treats anything else as no headers', () => {
    expect(headerReader(undefined)('a')).toBeUndefined();
    expect(headerReader('a: b')('a')).toBeUndefined();
  });
});

describe('retryAfterHeaderSeconds', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const read = (value?: string) => retryAfterHeaderSeconds(headerReader(value === undefined ? {} : { 'retry-after': value }), now);
  it('delta seconds, HTTP dates (never negative), junk', () => {
    expect(read('0')).toBe(0);
    expect(read(' 42 ')).toBe(42);
    expect(read('Wed, 01 Jan 2025 00:01:00 GMT')).toBe(60);
    expect(read('Tue, 31 Dec 2024 23:00:00 GMT')).toBe(0);
    expect(read('-5')).toBeUndefined();
    expect(read('')).toBeUndefined();
    expect(read()).toBeUndefined();
  });
});
