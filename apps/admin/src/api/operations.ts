import { op } from './GraphqlClient.js';
import type {
  AuditEntry,
  Connection,
  IdentityExposure,
  IntegrationDetail,
  IntegrationFilter,
  IntegrationOrder,
  IntegrationRow,
  IntegrationStatus,
  InvalidationDayCount,
  LongestBroken,
  StatusCount,
  TenantRef,
  TenantUntracked,
  UntrackedDay,
} from './types.js';

export const VIEWER = op<{ viewer: { kind: string; name: string | null } }>(`query AdminViewer { viewer { kind name } }`);

const ROW_FIELDS = `id tenantId tenant { id name } provider externalAccountId name status needsReauthorization
  cause { code title } statusChangedAt untrackedSince lastCheckedAt createdAt authorizedBy { id name }`;

export const INTEGRATIONS = op<
  { integrations: Connection<IntegrationRow>; healthSummary: { total: number; byStatus: StatusCount[] } },
  { filter: IntegrationFilter; first: number; after: string | null; tenantId: string | null; orderBy: IntegrationOrder | null }
>(`query AdminIntegrations($filter: IntegrationFilter, $first: Int!, $after: String, $tenantId: ID, $orderBy: IntegrationOrder) {
  integrations(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${ROW_FIELDS} } }
  }
  healthSummary(tenantId: $tenantId) { total byStatus { status count } }
}`);

export const TENANTS = op<{ tenants: Connection<TenantRef> }, { search: string | null; first: number }>(
  `query AdminTenants($search: String, $first: Int!) { tenants(first: $first, search: $search) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`,
);

export const TENANT = op<{ tenant: TenantRef | null }, { id: string }>(`query AdminTenant($id: ID!) { tenant(id: $id) { id name } }`);

export const INTEGRATION_DETAIL = op<{ integration: IntegrationDetail | null }, { id: string }>(`query AdminIntegration($id: ID!) {
  integration(id: $id) {
    id tenantId tenant { id name } provider externalAccountId name status needsReauthorization
    cause { code title explanation action prevention securityRelated }
    statusChangedAt tokenExpiresAt dataAccessExpiresAt lastCheckedAt nextCheckAt untrackedSince createdAt disconnectedAt
    authorizedBy { id provider externalUserId name }
    untrackedWindows { startedAt endedAt seconds cause }
    untrackedSeconds
    events(first: 100) { at type status cause actor }
    notifications(first: 100) { id endpointUrl eventType status attempts lastStatusCode lastError deliveredAt createdAt }
  }
}`);

export const OVERVIEW = op<
  {
    healthSummary: { total: number; byStatus: StatusCount[]; untrackedSeconds: number };
    facebook: { totalCount: number };
    google: { totalCount: number };
    invalidationsByDay: InvalidationDayCount[];
    untrackedByDay: UntrackedDay[];
    longestBroken: LongestBroken[];
    tenantUntrackedRanking: TenantUntracked[];
  },
  { days: number }
>(`query AdminOverview($days: Int!) {
  healthSummary { total byStatus { status count } untrackedSeconds(sinceDays: $days) }
  facebook: integrations(filter: { provider: FACEBOOK }, first: 1) { totalCount }
  google: integrations(filter: { provider: GOOGLE }, first: 1) { totalCount }
  invalidationsByDay(days: $days) { day cause count }
  untrackedByDay(days: $days) { day seconds }
  longestBroken(first: 8) { id name provider externalAccountId status cause { code title } untrackedSince tenant { id name } }
  tenantUntrackedRanking(first: 8, sinceDays: $days) { tenantId tenant { name } untrackedSeconds brokenCount }
}`);

export const BLAST_RADIUS = op<{ blastRadius: IdentityExposure[] }>(`query AdminBlastRadius {
  blastRadius { identity { id provider externalUserId name } integrationCount tenantCount agencyPattern }
}`);

export const AUDIT_LOG = op<{ auditLog: Connection<AuditEntry> }, { first: number; after: string | null; tenantId: string | null }>(
  `query AdminAuditLog($first: Int!, $after: String, $tenantId: ID) {
  auditLog(first: $first, after: $after, tenantId: $tenantId) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actorKind actorId actorName tenantId action targetType targetId detail } }
  }
}`,
);

export const RECHECK = op<{ recheckIntegration: { id: string; status: IntegrationStatus } }, { id: string }>(
  `mutation AdminRecheck($id: ID!) { recheckIntegration(id: $id) { id status } }`,
);

export const START_REAUTHORIZATION = op<{ startReauthorization: { url: string; expiresAt: string } }, { id: string }>(
  `mutation AdminStartReauthorization($id: ID!) { startReauthorization(integrationId: $id) { url expiresAt } }`,
);

export const DISCONNECT = op<{ disconnectIntegration: { id: string; status: IntegrationStatus } }, { id: string }>(
  `mutation AdminDisconnect($id: ID!) { disconnectIntegration(id: $id) { id status } }`,
);

export const STATUS_CHANGED_SUBSCRIPTION = `subscription AdminStatusChanged {
  integrationStatusChanged { id tenantId name provider externalAccountId status cause { code title } statusChangedAt untrackedSince }
}`;
