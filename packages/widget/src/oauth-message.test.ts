import { describe, expect, it } from 'vitest';
import { readOAuthComplete } from './oauth-message.js';

const API = 'https://relink.example.com';

describe('readOAuthComplete', () => {
  it('accepts the done page message from the API origin', () => {
    const data = { source: 'relink', type: 'oauth-complete', ok: true, integrationIds: ['a', 'b'] };
    expect(readOAuthComplete({ origin: API, data }, API)).toEqual(data);
    expect(readOAuthComplete({ origin: API, data: { source: 'relink', type: 'oauth-complete', ok: false, error: 'access_denied' } }, API)).toEqual({
      source: 'relink',
      type: 'oauth-complete',
      ok: false,
      error: 'access_denied',
    });
  });

  it('ignores other origins, whatever they say', () => {
    const data = { source: 'relink', type: 'oauth-complete', ok: true };
    expect(readOAuthComplete({ origin: 'https://evil.example', data }, API)).toBeNull();
    expect(readOAuthComplete({ origin: 'https://relink.example.com:8443', data }, API)).toBeNull();
    expect(readOAuthComplete({ origin: 'null', data }, API)).toBeNull();
  });

  it('ignores other shapes and drops malformed optional fields', () => {
    expect(readOAuthComplete({ origin: API, data: 'oauth-complete' }, API)).toBeNull();
    expect(readOAuthComplete({ origin: API, data: { source: 'other', type: 'oauth-complete', ok: true } }, API)).toBeNull();
    expect(readOAuthComplete({ origin: API, data: { source: 'relink', type: 'oauth-complete', ok: 'yes' } }, API)).toBeNull();
    expect(readOAuthComplete({ origin: API, data: { source: 'relink', type: 'oauth-complete', ok: true, integrationIds: [1], error: 2 } }, API)).toEqual({
      source: 'relink',
      type: 'oauth-complete',
      ok: true,
    });
  });
});
