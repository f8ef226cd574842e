import { describe, expect, it } from 'vitest';
import { filterFromParams, orderFromParams, orderParams, parseRoute, routeHash, theirIntegrationsHash, withParams } from './route.js';

describe('parseRoute', () => {
  it('reads views, the detail id and the query', () => {
    expect(parseRoute('').view).toBe('overview');
    expect(parseRoute('#/nowhere').view).toBe('overview');
    const list = parseRoute('#/integrations?status=REVOKED,EXPIRED&q=acme');
    expect(list.view).toBe('integrations');
    expect(list.params.get('q')).toBe('acme');
    const detail = parseRoute('#/integrations/6f1c0a4e-1111-4222-8333-444455556666?from=x');
    expect(detail).toMatchObject({ view: 'integration', id: '6f1c0a4e-1111-4222-8333-444455556666' });
    expect(parseRoute('#/blast-radius').view).toBe('blast-radius');
    expect(parseRoute('#/audit?after=abc').params.get('after')).toBe('abc');
  });
});

describe('routeHash', () => {
  it('drops empty values and round-trips through parseRoute', () => {
    const hash = routeHash('integrations', { q: 'a b&c', status: '', tenant: null });
    expect(hash).toBe('#/integrations?q=a+b%26c');
    expect(parseRoute(hash).params.get('q')).toBe('a b&c');
    expect(routeHash('integration', {}, 'x/y')).toBe('#/integrations/x%2Fy');
    expect(parseRoute(routeHash('integration', {}, 'x/y')).id).toBe('x/y');
  });
});

describe('filterFromParams', () => {
  it('keeps known values only', () => {
    const params = new URLSearchParams('tenant=t1&provider=GOOGLE&status=REVOKED,BOGUS,EXPIRED&cause=ADMIN_POLICY&q=%20act_1%20');
    expect(filterFromParams(params)).toEqual({ tenantId: 't1', provider: 'GOOGLE', status: ['REVOKED', 'EXPIRED'], cause: 'ADMIN_POLICY', search: 'act_1' });
    expect(filterFromParams(new URLSearchParams('provider=MYSPACE&cause=nope&status='))).toEqual({});
    expect(filterFromParams(new URLSearchParams('identity=p1&status=REVOKED'))).toEqual({ identityId: 'p1', status: ['REVOKED'] });
  });
});

describe('orderFromParams / orderParams', () => {
  it('reads a known field and direction, and writes the default order as no params', () => {
    expect(orderFromParams(new URLSearchParams('sort=NAME&dir=DESC'))).toEqual({ field: 'NAME', direction: 'DESC' });
    expect(orderFromParams(new URLSearchParams('sort=UNTRACKED_SINCE'))).toEqual({ field: 'UNTRACKED_SINCE', direction: 'ASC' });
    expect(orderFromParams(new URLSearchParams('sort=UNTRACKED_SINCE&dir=sideways'))).toEqual({ field: 'UNTRACKED_SINCE', direction: 'ASC' });
    expect(orderFromParams(new URLSearchParams('sort=colour&dir=DESC'))).toBeNull();
    expect(orderFromParams(new URLSearchParams(''))).toBeNull();
    expect(orderParams({ field: 'CREATED_AT', direction: 'ASC' })).toEqual({ sort: null, dir: null });
    expect(orderParams({ field: 'CREATED_AT', direction: 'DESC' })).toEqual({ sort: 'CREATED_AT', dir: 'DESC' });
    expect(orderParams({ field: 'NAME', direction: 'ASC' })).toEqual({ sort: 'NAME', dir: null });
    const params = withParams(new URLSearchParams('q=a&after=c1'), orderParams({ field: 'STATUS_CHANGED_AT', direction: 'DESC' }));
    expect(params.toString()).toBe('q=a&sort=STATUS_CHANGED_AT&dir=DESC');
    expect(orderFromParams(params)).toEqual({ field: 'STATUS_CHANGED_AT', direction: 'DESC' });
  });
});

describe('withParams', () => {
  it('drops the page cursor when a filter changes, unless asked to keep it', () => {
    const params = new URLSearchParams('q=a&after=c1');
    expect(withParams(params, { q: 'b' }).toString()).toBe('q=b');
    expect(withParams(params, { after: 'c2' }, true).toString()).toBe('q=a&after=c2');
    expect(withParams(params, { q: null }).toString()).toBe('');
  });
});

describe('theirIntegrationsHash', () => {
  it('filters to the person and every status but DISCONNECTED (what a blast-radius count counts)', () => {
    const route = parseRoute(theirIntegrationsHash('p1'));
    expect(route.view).toBe('integrations');
    expect(filterFromParams(route.params)).toEqual({ identityId: 'p1', status: ['HEALTHY', 'EXPIRING_SOON', 'EXPIRED', 'REVOKED', 'UNREACHABLE'] });
  });
});
