import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, queryHashOf } from './frontDoor.js';
import { operationKey, stableJson } from './operationKey.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('front door helpers', () => {
  it('negotiates the content type as Apollo Server does', () => {
    expect(contentTypeFor(undefined)).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('*/*')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('application/graphql-response+json, application/json')).toBe('application/graphql-response+json; charset=utf-8');
    expect(contentTypeFor('application/json;q=0.5, application/graphql-response+json')).toBe('application/graphql-response+json; charset=utf-8');
    expect(contentTypeFor('text/html')).toBeNull();
  });

  it('hashes the document as Apollo does, and takes an APQ hash only when it matches or stands alone', () => {
    expect(queryHashOf({ query: '{ a }' })).toBe(sha('{ a }'));
    expect(queryHashOf({ query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: sha('{ a }') } } })).toBe(sha('{ a }'));
    expect(queryHashOf({ query: '{ a }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f00' } } })).toBeUndefined();
    expect(queryHashOf({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })).toBe('abc');
    expect(queryHashOf({ extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } })).toBeUndefined();
    expect(queryHashOf({ query: 42 })).toBeUndefined();
  });

  it('keys variables independent of their key order', () => {
    expect(stableJson({ b: [1, { y: 2, x: 1 }], a: null, c: undefined })).toBe('{"a":null,"b":[1,{"x":1,"y":2}]}');
    expect(operationKey('h', null, { a: 1, b: 2 })).toBe(operationKey('h', undefined, { b: 2, a: 1 }));
    expect(operationKey('h', 'Q', {})).not.toBe(operationKey('h', null, {}));
  });
});
