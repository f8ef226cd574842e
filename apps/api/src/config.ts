import { randomBytes } from 'node:crypto';

export type RunMode = 'development' | 'production' | 'test';
export type ProviderMode = 'sandbox' | 'real' | 'disabled';

export interface ProviderConfig {
  mode: ProviderMode;
  clientId: string;
  clientSecret: string;
}

export interface Config {
  mode: RunMode;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  encryptionKeys: string;
  adminToken: string | undefined;
  facebook: ProviderConfig;
  google: ProviderConfig;
  /** The Google OAuth client is in "Testing" publishing status: its refresh tokens die after 7 days. */
  googleTestingMode: boolean;
  /** Google Ads API developer token (the real Ads API refuses calls without one). */
  googleAdsDeveloperToken: string | undefined;
  /** Settings generated in dev mode because they were missing; printed once at start. */
  generated: Record<string, string>;
}

/** A setting that is missing or malformed; its message is the one line printed at start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const KEY_ENTRY = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]+={0,2}$/;

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readUrl(name: string, raw: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function checkEncryptionKeys(raw: string): void {
  const entries = raw.split(',').map((s) => s.trim());
  const ids = new Set<string>();
  for (const entry of entries) {
    if (!KEY_ENTRY.test(entry)) {
      throw new ConfigError('RELINK_ENCRYPTION_KEYS must be comma-separated keyId:base64-32-bytes entries');
    }
    const [id, b64] = entry.split(':') as [string, string];
    if (Buffer.from(b64, 'base64').length !== 32) {
      throw new ConfigError(`RELINK_ENCRYPTION_KEYS key "${id}" must decode to exactly 32 bytes`);
    }
    if (ids.has(id)) throw new ConfigError(`RELINK_ENCRYPTION_KEYS names key "${id}" twice`);
    ids.add(id);
  }
}

function readBoolean(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readProvider(env: Env, idVar: string, secretVar: string, mode: RunMode): ProviderConfig {
  const clientId = env[idVar] ?? '';
  const clientSecret = env[secretVar] ?? '';
  if (clientId && !clientSecret) throw new ConfigError(`${secretVar} is required when ${idVar} is set`);
  if (clientSecret && !clientId) throw new ConfigError(`${idVar} is required when ${secretVar} is set`);
  if (clientId) return { mode: 'real', clientId, clientSecret };
  if (mode === 'production') return { mode: 'disabled', clientId: '', clientSecret: '' };
  return { mode: 'sandbox', clientId: '', clientSecret: '' };
}

/**
 * Reads and validates the environment once. In development, missing secrets are generated
 * (reusing `persisted` ones from an earlier start so stored tokens stay decryptable).
 */
export function loadConfig(env: Env, persisted: Record<string, string> = {}): Config {
  const mode: RunMode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = readPort(env);
  const publicUrl = env.RELINK_PUBLIC_URL
    ? readUrl('RELINK_PUBLIC_URL', env.RELINK_PUBLIC_URL, ['http:', 'https:'])
    : `http://localhost:${port}`;
  const databaseUrl = env.RELINK_DATABASE_URL
    ? readUrl('RELINK_DATABASE_URL', env.RELINK_DATABASE_URL, ['postgres:', 'postgresql:'])
    : undefined;
  const generated: Record<string, string> = {};
  const orGenerate = (name: string, make: () => string): string | undefined => {
    const value = env[name];
    if (value) return value;
    if (mode === 'production') return undefined;
    const kept = persisted[name];
    if (kept) return kept;
    generated[name] = make();
    return generated[name];
  };
  const encryptionKeys = orGenerate('RELINK_ENCRYPTION_KEYS', () => `dev1:${randomBytes(32).toString('base64')}`);
  if (!encryptionKeys) throw new ConfigError('RELINK_ENCRYPTION_KEYS is required in production (keyId:base64-32-bytes)');
  checkEncryptionKeys(encryptionKeys);
  const adminToken = orGenerate('RELINK_ADMIN_TOKEN', () => `rls_${randomBytes(24).toString('base64url')}`);
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('RELINK_ADMIN_TOKEN must be at least 16 characters');
  }
  const facebook = readProvider(env, 'FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', mode);
  const google = readProvider(env, 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET', mode);
  if (facebook.mode === 'sandbox') {
    facebook.clientId = orGenerate('RELINK_SANDBOX_FACEBOOK_APP_ID', () => String(100000000000000 + randomBytes(4).readUInt32BE()))!;
    facebook.clientSecret = orGenerate('RELINK_SANDBOX_FACEBOOK_APP_SECRET', () => randomBytes(16).toString('hex'))!;
  }
  if (google.mode === 'sandbox') {
    google.clientId = orGenerate('RELINK_SANDBOX_GOOGLE_CLIENT_ID', () => `${randomBytes(6).readUIntBE(0, 6)}-sandbox.apps.googleusercontent.com`)!;
    google.clientSecret = orGenerate('RELINK_SANDBOX_GOOGLE_CLIENT_SECRET', () => `GOCSPX-${randomBytes(18).toString('base64url')}`)!;
  }
  return {
    mode,
    port,
    publicUrl,
    databaseUrl,
    dataDir: env.RELINK_DATA_DIR || '.relink',
    encryptionKeys,
    adminToken,
    facebook,
    google,
    googleTestingMode: readBoolean(env, 'GOOGLE_CLIENT_TESTING_MODE'),
    googleAdsDeveloperToken: env.GOOGLE_ADS_DEVELOPER_TOKEN || undefined,
    generated,
  };
}
