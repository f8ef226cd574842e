import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Root fields whose answer, for one tenant viewer, depends only on that tenant's `integrations` rows
 * and the provider identities they point at — exactly what `TenantFingerprints` reads.
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set(['integrations', 'healthSummary']);

/**
 * Every field a cacheable operation may select, on any type: the connection, the integration row's own
 * columns, its cause copy (static) and its provider identity, the health counts. Anything else — the
 * clock (`untrackedSeconds`, open `untrackedWindows`), other tables (`events`, `notifications`,
 * `tenant`) or any field added later — makes the operation uncacheable until it is listed here.
 */
export const CACHEABLE_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  ...CACHEABLE_ROOT_FIELDS,
  // IntegrationConnection, IntegrationEdge, PageInfo
  'edges', 'node', 'cursor', 'pageInfo', 'totalCount', 'hasNextPage', 'endCursor',
  // Integration: its row, the cause copy and the identity that authorized it
  'id', 'tenantId', 'provider', 'externalAccountId', 'name', 'status', 'needsReauthorization', 'statusChangedAt',
  'tokenExpiresAt', 'dataAccessExpiresAt', 'lastCheckedAt', 'nextCheckAt', 'untrackedSince', 'disconnectedAt',
  'createdAt', 'statusVersion', 'cause', 'authorizedBy',
  // CauseInfo, ProviderIdentity
  'code', 'title', 'explanation', 'action', 'prevention', 'securityRelated', 'externalUserId',
  // HealthSummary, StatusCount
  'total', 'byStatus', 'count',
]);

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Every field name selected under `set`, following fragment spreads (each fragment once). */
function collectFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>, into: Set<string>): boolean {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      into.add(selection.name.value);
      if (selection.selectionSet && !collectFields(selection.selectionSet, fragments, seen, into)) return false;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!collectFields(selection.selectionSet, fragments, seen, into)) return false;
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      const fragment = fragments.get(name);
      if (!fragment || !collectFields(fragment.selectionSet, fragments, seen, into)) return false;
    }
  }
  return true;
}

/** The root field names of the operation, following fragments at the root; undefined when unknown. */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): Set<string> | undefined {
  const names = new Set<string>();
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else {
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const nested = inner && rootFields(inner, fragments);
      if (!nested) return undefined;
      for (const n of nested) names.add(n);
    }
  }
  return names;
}

/**
 * Whether the response to this operation may be cached per tenant: a query whose root fields are all
 * in CACHEABLE_ROOT_FIELDS (or `__typename`) and that selects only fields of CACHEABLE_FIELDS.
 */
export function cacheableOperation(document: DocumentNode, operationName?: string | null): boolean {
  const operation = operationOf(document, operationName);
  if (!operation || operation.operation !== 'query') return false;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const roots = rootFields(operation.selectionSet, fragments);
  if (!roots || roots.size === 0) return false;
  let data = false;
  for (const name of roots) {
    if (name === '__typename') continue;
    if (!CACHEABLE_ROOT_FIELDS.has(name)) return false;
    data = true;
  }
  if (!data) return false;
  const fields = new Set<string>();
  if (!collectFields(operation.selectionSet, fragments, new Set(), fields)) return false;
  for (const name of fields) if (!CACHEABLE_FIELDS.has(name)) return false;
  return true;
}
