import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cacheableOperation } from './cacheableOperation.js';

const cacheable = (query: string, operationName?: string) => cacheableOperation(parse(query), operationName);

describe('cacheableOperation', () => {
  it('accepts the banner list and healthSummary counts', () => {
    expect(cacheable('query B { integrations(first: 100, filter: { status: [REVOKED] }) { edges { node { id status authorizedBy { name } cause { code title } } } } }')).toBe(true);
    expect(cacheable('{ healthSummary { total byStatus { status count } } __typename }')).toBe(true);
    expect(cacheable('{ a: integrations { totalCount pageInfo { hasNextPage endCursor } } b: healthSummary { total } }')).toBe(true);
  });

  it('follows fragments, inline fragments and the chosen operation', () => {
    expect(cacheable('query Q { ...R } fragment R on Query { integrations { edges { node { ...N } } } } fragment N on Integration { id status }')).toBe(true);
    expect(cacheable('query Q { integrations { edges { node { ...N } } } } fragment N on Integration { id untrackedSeconds }')).toBe(false);
    expect(cacheable('query Q { ... on Query { viewer { kind } } }')).toBe(false);
    const two = 'query A { healthSummary { total } } query B { viewer { kind } }';
    expect(cacheable(two, 'A')).toBe(true);
    expect(cacheable(two, 'B')).toBe(false);
    expect(cacheable(two)).toBe(false);
    expect(cacheable(two, 'C')).toBe(false);
  });

  it('refuses anything that depends on the clock, other tables or is not a query', () => {
    expect(cacheable('{ healthSummary { total untrackedSeconds } }')).toBe(false);
    expect(cacheable('{ integrations { edges { node { untrackedWindows { seconds } } } } }')).toBe(false);
    expect(cacheable('{ integrations { edges { node { events { at } } } } }')).toBe(false);
    expect(cacheable('{ integrations { edges { node { tenant { name } } } } }')).toBe(false);
    expect(cacheable('{ integrations { edges { node { notifications { status } } } } }')).toBe(false);
    expect(cacheable('{ integrations { edges { node { someFieldAddedLater } } } }')).toBe(false);
    expect(cacheable('{ healthSummary { total } viewer { kind } }')).toBe(false);
    expect(cacheable('{ invalidationCauses { code } }')).toBe(false);
    expect(cacheable('{ __typename }')).toBe(false);
    expect(cacheable('mutation { disconnectIntegration(id: "x") { id } }')).toBe(false);
    expect(cacheable('subscription { integrationStatusChanged { id } }')).toBe(false);
    expect(cacheable('query Q { ...Missing }')).toBe(false);
  });
});
