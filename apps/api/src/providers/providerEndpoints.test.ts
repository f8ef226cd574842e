import express from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { mountSandbox } from '../http/sandboxMount.js';
import { testConfig } from '../test-support/testConfig.js';
import { providerEndpoints, REAL_ENDPOINTS } from './providerEndpoints.js';

const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('providerEndpoints', () => {
  it('points a sandbox provider at /sandbox on the public URL', () => {
    const endpoints = providerEndpoints(testConfig({ RELINK_PUBLIC_URL: 'https://relink.example' }));
    expect(endpoints.facebook.authorizationURL).toBe('https://relink.example/sandbox/facebook/v19.0/dialog/oauth');
    expect(endpoints.facebook.graphApiBaseURL).toBe('https://relink.example/sandbox/facebook/v19.0');
    expect(endpoints.google.userProfileURL).toMatch(/^https:\/\/relink\.example\/sandbox\/google\/.*\/userinfo$/);
    expect(endpoints.google.riscConfigurationURL).toBe('https://relink.example/sandbox/google/.well-known/risc-configuration');
  });

  it('uses the real providers when app credentials are set', () => {
    const config = testConfig({ FACEBOOK_APP_ID: '1234', FACEBOOK_APP_SECRET: 'secret', GOOGLE_CLIENT_ID: 'g.apps', GOOGLE_CLIENT_SECRET: 'gs' });
    const endpoints = providerEndpoints(config);
    expect(endpoints).toEqual(REAL_ENDPOINTS);
    expect(endpoints.facebook.authorizationURL).toBe('https://www.facebook.com/v19.0/dialog/oauth');
    expect(endpoints.facebook.graphApiBaseURL).toBe('https://graph.facebook.com/v19.0');
    expect(endpoints.google).toMatchObject({
      authorizationURL: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenURL: 'https://oauth2.googleapis.com/token',
      userProfileURL: 'https://www.googleapis.com/oauth2/v3/userinfo',
      revokeURL: 'https://oauth2.googleapis.com/revoke',
      adsApiBaseURL: 'https://googleads.googleapis.com/v17',
    });
  });

  it('never mounts the sandbox in production, and not when both providers are real', () => {
    const production = loadConfig({ NODE_ENV: 'production', RELINK_ENCRYPTION_KEYS: KEYS, RELINK_ADMIN_TOKEN: 'a-long-enough-admin-token' });
    expect(production.facebook.mode).toBe('disabled');
    expect(mountSandbox(express(), production)).toBeUndefined();
    const real = testConfig({ FACEBOOK_APP_ID: '1', FACEBOOK_APP_SECRET: 's', GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 'gs' });
    expect(mountSandbox(express(), real)).toBeUndefined();
    expect(mountSandbox(express(), testConfig())).toBeDefined();
  });
});
