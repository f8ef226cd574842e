import { describe, expect, it } from 'vitest';
import { apiEndpoint } from './api-endpoint.js';
import { RelinkError } from './relink-error.js';

describe('apiEndpoint', () => {
  it('derives the GraphQL URLs and the trusted origin', () => {
    expect(apiEndpoint('https://relink.example.com', ' tok ', 'https://host.example/')).toEqual({
      origin: 'https://relink.example.com',
      httpUrl: 'https://relink.example.com/graphql',
      wsUrl: 'wss://relink.example.com/graphql',
      token: 'tok',
    });
  });

  it('keeps a path prefix and resolves a relative api against the page', () => {
    expect(apiEndpoint('https://x.example/relink/', 't', 'https://h/').httpUrl).toBe('https://x.example/relink/graphql');
    expect(apiEndpoint('/relink?x=1#y', 't', 'http://host:4000/demo/').wsUrl).toBe('ws://host:4000/relink/graphql');
  });

  it('names the missing or bad attribute', () => {
    const code = (api: string, token: string) => {
      try {
        apiEndpoint(api, token, 'https://h/');
        return 'ok';
      } catch (error) {
        return error instanceof RelinkError ? `${error.code}: ${error.message}` : 'other';
      }
    };
    expect(code('', 't')).toMatch(/^CONFIGURATION: api="" is not an http\(s\) URL/);
    expect(code('https://x', ' ')).toMatch(/^CONFIGURATION: session-token is missing/);
    expect(code('http://[bad', 't')).toMatch(/^CONFIGURATION: api="http:\/\/\[bad" is not an http\(s\) URL/);
    expect(code('ftp://x', 't')).toMatch(/is not an http\(s\) URL/);
  });
});
