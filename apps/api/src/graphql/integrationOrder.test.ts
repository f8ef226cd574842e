import { describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor.js';
import { decodeOrderCursor, encodeOrderCursor, type IntegrationOrder } from './integrationOrder.js';

const ID = '6f1c0a4e-1111-4222-8333-444455556666';
const byName: IntegrationOrder = { field: 'NAME', direction: 'ASC' };
const untracked: IntegrationOrder = { field: 'UNTRACKED_SINCE', direction: 'DESC' };
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};

describe('integration order cursors', () => {
  it('round-trip the key and id, names with colons and line breaks included', () => {
    for (const key of ['acme', 'a:b:c', 'two\nlines', '', 'émile – ünïcode']) {
      expect(decodeOrderCursor(byName, encodeOrderCursor(byName, key, ID))).toEqual({ key, id: ID });
    }
    expect(decodeOrderCursor(untracked, encodeOrderCursor(untracked, null, ID))).toEqual({ key: null, id: ID });
    expect(decodeOrderCursor(untracked, encodeOrderCursor(untracked, '-1500', ID))).toEqual({ key: '-1500', id: ID });
  });

  it('keeps the original cursor for the default order, so cursors handed out before sorting still work', () => {
    const legacy = encodeCursor('1767225600000000', ID);
    expect(encodeOrderCursor({ field: 'CREATED_AT', direction: 'ASC' }, '1767225600000000', ID)).toBe(legacy);
    expect(decodeOrderCursor({ field: 'CREATED_AT', direction: 'ASC' }, legacy)).toEqual({ key: '1767225600000000', id: ID });
  });

  it('refuses a cursor from another order or direction, a null key where the order has none, and junk', () => {
    const legacy = encodeCursor('1767225600000000', ID);
    expect(codeOf(() => decodeOrderCursor(byName, legacy))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor({ field: 'NAME', direction: 'DESC' }, encodeOrderCursor(byName, 'x', ID)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor({ field: 'CREATED_AT', direction: 'ASC' }, encodeOrderCursor(byName, 'x', ID)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor(byName, encodeOrderCursor(byName, null, ID)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor(untracked, encodeOrderCursor(untracked, 'soon', ID)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor(byName, Buffer.from('o1:NAME:ASC:not-a-uuid:vx').toString('base64url')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeOrderCursor(byName, 'bm90LWEtY3Vyc29y'))).toBe('BAD_USER_INPUT');
  });
});
