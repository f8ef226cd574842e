import { describe, expect, it } from 'vitest';
import { blastRadius, type BlastRadiusInput, type IdentityRef } from './blast-radius.js';

const ana: IdentityRef = { provider: 'FACEBOOK', externalUserId: '100', name: 'Ana' };
const ben: IdentityRef = { provider: 'FACEBOOK', externalUserId: '200', name: 'Ben' };
const anaOnGoogle: IdentityRef = { provider: 'GOOGLE', externalUserId: '100', name: 'Ana G' };
const row = (id: string, tenantId: string, identity: IdentityRef | null): BlastRadiusInput => ({ id, tenantId, identity });

describe('blastRadius', () => {
  const integrations = [
    row('1', 't1', ana),
    row('2', 't2', ana),
    row('3', 't3', ana),
    row('4', 't3', ana),
    row('5', 't1', ben),
    row('6', 't1', ben),
    row('7', 't1', anaOnGoogle),
    row('8', 't9', null),
    row('1', 't1', ana), // the same integration twice counts once
  ];

  it('groups by provider identity, counts integrations and tenants, sorted by reach', () => {
    expect(blastRadius(integrations)).toEqual([
      { identity: ana, integrationCount: 4, tenantCount: 3, tenantIds: ['t1', 't2', 't3'], agencyPattern: true },
      { identity: ben, integrationCount: 2, tenantCount: 1, tenantIds: ['t1'], agencyPattern: false },
      { identity: anaOnGoogle, integrationCount: 1, tenantCount: 1, tenantIds: ['t1'], agencyPattern: false },
    ]);
  });

  it('the agency threshold is configurable and validated', () => {
    expect(blastRadius(integrations, { agencyTenantThreshold: 4 })[0]?.agencyPattern).toBe(false);
    expect(blastRadius(integrations, { agencyTenantThreshold: 1 }).every((e) => e.agencyPattern)).toBe(true);
    expect(() => blastRadius(integrations, { agencyTenantThreshold: 0 })).toThrow(/agencyTenantThreshold/);
  });

  it('ties break on provider then user id; nothing in, nothing out', () => {
    const tie = blastRadius([row('a', 't', { ...ben, provider: 'GOOGLE' }), row('b', 't', ben), row('c', 't', ana)]);
    expect(tie.map((e) => `${e.identity.provider}:${e.identity.externalUserId}`)).toEqual(['FACEBOOK:100', 'FACEBOOK:200', 'GOOGLE:200']);
    expect(blastRadius([])).toEqual([]);
  });
});
