import { describe, expect, it } from 'vitest';
import { bannerKind } from './banner-model.js';
import { parseIntegration, parseIntegrationConnection } from './integration.js';

const node = {
  id: 'i1',
  provider: 'GOOGLE',
  name: 'Search',
  status: 'REVOKED',
  needsReauthorization: true,
  statusChangedAt: '2030-01-01T00:00:00.000Z',
  tokenExpiresAt: null,
  untrackedSince: '2030-01-01T00:00:00.000Z',
  authorizedBy: { provider: 'GOOGLE', externalUserId: 'g1', name: 'Max' },
  cause: { code: 'ACCESS_REVOKED', title: 'T', explanation: 'E', action: 'A', securityRelated: false },
};

describe('parseIntegration', () => {
  it('reads a contract Integration and the connection around it', () => {
    expect(parseIntegration(node)).toEqual(node);
    expect(parseIntegrationConnection({ edges: [{ cursor: 'c', node }] })).toEqual([node]);
    const bare = parseIntegration({ ...node, tokenExpiresAt: undefined, authorizedBy: null, cause: null });
    expect(bare).toMatchObject({ tokenExpiresAt: null, authorizedBy: null, cause: null });
  });

  it('names the bad field', () => {
    expect(() => parseIntegration({ ...node, status: 'BROKEN' })).toThrow(/^Unexpected answer from Relink: integration\.status is "BROKEN"\.$/);
    expect(() => parseIntegration({ ...node, statusChangedAt: 'yesterday' })).toThrow(/integration\.statusChangedAt is "yesterday"/);
    expect(() => parseIntegration({ ...node, untrackedSince: 5 })).toThrow(/integration\.untrackedSince is 5/);
    expect(() => parseIntegration({ ...node, cause: { ...node.cause, securityRelated: 'no' } })).toThrow(/integration\.cause\.securityRelated is "no"/);
    expect(() => parseIntegration({ ...node, authorizedBy: { provider: 'MYSPACE' } })).toThrow(/integration\.authorizedBy\.provider/);
    expect(() => parseIntegration({ ...node, name: undefined })).toThrow(/integration\.name is null/);
    expect(() => parseIntegrationConnection({ edges: [{ node: { ...node, id: 7 } }] })).toThrow(/integrations\.edges\[0\]\.node\.id is 7/);
    expect(() => parseIntegrationConnection({ edges: 'none' })).toThrow(/integrations\.edges is "none"/);
    expect(() => parseIntegrationConnection(null)).toThrow(/integrations is null/);
  });

  it('knows which integrations the widget shows', () => {
    const parsed = parseIntegration(node);
    expect(bannerKind(parsed)).toBe('reauth');
    expect(bannerKind({ ...parsed, needsReauthorization: false, status: 'HEALTHY' })).toBeNull();
    expect(bannerKind({ ...parsed, needsReauthorization: false, status: 'DISCONNECTED' })).toBeNull();
    expect(bannerKind({ ...parsed, needsReauthorization: false, status: 'UNREACHABLE' })).toBe('checking');
    expect(bannerKind({ ...parsed, needsReauthorization: false, status: 'EXPIRING_SOON' })).toBe('expiring');
  });
});
