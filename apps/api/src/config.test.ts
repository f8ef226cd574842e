import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const key = (id: string) => `${id}:${Buffer.alloc(32, 7).toString('base64')}`;

describe('loadConfig', () => {
  it('defaults to port 4000, PGlite in .relink and sandbox providers in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'development', port: 4000, publicUrl: 'http://localhost:4000', databaseUrl: undefined, dataDir: '.relink' });
    expect(config.facebook.mode).toBe('sandbox');
    expect(config.google.mode).toBe('sandbox');
    expect(Object.keys(config.generated)).toEqual(expect.arrayContaining(['RELINK_ENCRYPTION_KEYS', 'RELINK_ADMIN_TOKEN']));
  });

  it('reuses persisted dev secrets instead of generating new ones', () => {
    const first = loadConfig({});
    const second = loadConfig({}, first.generated);
    expect(second.encryptionKeys).toBe(first.encryptionKeys);
    expect(second.generated).toEqual({});
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT /],
    [{ PORT: '70000' }, /^PORT /],
    [{ RELINK_DATABASE_URL: 'mysql://x' }, /^RELINK_DATABASE_URL /],
    [{ RELINK_PUBLIC_URL: 'not a url' }, /^RELINK_PUBLIC_URL /],
    [{ RELINK_ENCRYPTION_KEYS: 'k1:short' }, /^RELINK_ENCRYPTION_KEYS /],
    [{ RELINK_ENCRYPTION_KEYS: `${key('a')},${key('a')}` }, /^RELINK_ENCRYPTION_KEYS .*twice/],
    [{ RELINK_ADMIN_TOKEN: 'short' }, /^RELINK_ADMIN_TOKEN /],
    [{ FACEBOOK_APP_ID: '123' }, /^FACEBOOK_APP_SECRET /],
    [{ GOOGLE_CLIENT_SECRET: 's' }, /^GOOGLE_CLIENT_ID /],
    [{ NODE_ENV: 'production' }, /^RELINK_ENCRYPTION_KEYS is required/],
    [{ GOOGLE_CLIENT_TESTING_MODE: 'maybe' }, /^GOOGLE_CLIENT_TESTING_MODE /],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('disables providers without credentials in production and generates nothing', () => {
    const config = loadConfig({ NODE_ENV: 'production', RELINK_ENCRYPTION_KEYS: key('k1') });
    expect(config.facebook.mode).toBe('disabled');
    expect(config.google.mode).toBe('disabled');
    expect(config.adminToken).toBeUndefined();
    expect(config.generated).toEqual({});
  });

  it('reads the Google testing-mode flag and Ads developer token', () => {
    expect(loadConfig({}).googleTestingMode).toBe(false);
    const config = loadConfig({ GOOGLE_CLIENT_TESTING_MODE: 'true', GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token' });
    expect(config).toMatchObject({ googleTestingMode: true, googleAdsDeveloperToken: 'dev-token' });
  });

  it('uses real providers when credentials are given', () => {
    const config = loadConfig({ FACEBOOK_APP_ID: '1', FACEBOOK_APP_SECRET: 's', RELINK_ENCRYPTION_KEYS: `${key('new')},${key('old')}` });
    expect(config.facebook).toEqual({ mode: 'real', clientId: '1', clientSecret: 's' });
    expect(config.encryptionKeys.startsWith('new:')).toBe(true);
  });
});
