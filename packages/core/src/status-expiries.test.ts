import { describe, expect, it } from 'vitest';
import { statusExpiriesFromCheck } from './status-expiries.js';

const a = new Date('2025-01-01T00:00:00Z');
const b = new Date('2025-02-01T00:00:00Z');
const c = new Date('2025-03-01T00:00:00Z');

describe('statusExpiriesFromCheck', () => {
  it('Facebook: token and data-access expiry count', () => {
    expect(statusExpiriesFromCheck('FACEBOOK', { outcome: 'valid', expiresAt: a, dataAccessExpiresAt: b })).toEqual({ expiresAt: a, dataAccessExpiresAt: b });
    expect(statusExpiriesFromCheck('FACEBOOK', { outcome: 'valid' })).toEqual({});
  });

  it('Google: only time-based access counts, never the access token hour', () => {
    expect(statusExpiriesFromCheck('GOOGLE', { outcome: 'valid', expiresAt: a })).toEqual({});
    expect(statusExpiriesFromCheck('GOOGLE', { outcome: 'valid', expiresAt: a, refreshTokenExpiresAt: c })).toEqual({ expiresAt: c });
  });
});
