/** The API's enums and object shapes as the console reads them (CONTRACT.md plus the staff extras). */

export const PROVIDERS = ['FACEBOOK', 'GOOGLE'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const STATUSES = ['HEALTHY', 'EXPIRING_SOON', 'EXPIRED', 'REVOKED', 'UNREACHABLE', 'DISCONNECTED'] as const;
export type IntegrationStatus = (typeof STATUSES)[number];

export const CAUSES = [
  'TOKEN_EXPIRED', 'DATA_ACCESS_EXPIRED', 'PASSWORD_CHANGED', 'PERMISSIONS_CHANGED', 'APP_DEAUTHORIZED',
  'SECURITY_CHECKPOINT', 'SESSION_INVALIDATED', 'ACCOUNT_DISABLED', 'ADMIN_POLICY', 'ACCESS_REVOKED',
  'REFRESH_TOKEN_UNUSED', 'TESTING_APP_EXPIRY', 'TOKEN_LIMIT_EXCEEDED', 'UNKNOWN',
] as const;
export type InvalidationCause = (typeof CAUSES)[number];

export const ORDER_FIELDS = ['CREATED_AT', 'NAME', 'STATUS_CHANGED_AT', 'UNTRACKED_SINCE'] as const;
export type IntegrationOrderField = (typeof ORDER_FIELDS)[number];
export type OrderDirection = 'ASC' | 'DESC';

/** How the integrations table is sorted (the API's IntegrationOrder); ties are broken by id. */
export interface IntegrationOrder {
  field: IntegrationOrderField;
  direction: OrderDirection;
}

export const isProvider = (v: string | null | undefined): v is Provider => (PROVIDERS as readonly string[]).includes(v ?? '');
export const isStatus = (v: string | null | undefined): v is IntegrationStatus => (STATUSES as readonly string[]).includes(v ?? '');
export const isCause = (v: string | null | undefined): v is InvalidationCause => (CAUSES as readonly string[]).includes(v ?? '');
export const isOrderField = (v: string | null | undefined): v is IntegrationOrderField => (ORDER_FIELDS as readonly string[]).includes(v ?? '');

/** ISO 8601 date-time strings, as the DateTime scalar serialises them. */
export type DateTimeString = string;

export interface TenantRef {
  id: string;
  name: string;
}

export interface CauseSummary {
  code: InvalidationCause;
  title: string;
}

export interface CauseInfo extends CauseSummary {
  explanation: string;
  action: string;
  prevention: string;
  securityRelated: boolean;
}

export interface ProviderIdentity {
  id: string;
  provider: Provider;
  externalUserId: string;
  name: string;
}

export interface IntegrationRow {
  id: string;
  tenantId: string;
  tenant: TenantRef | null;
  provider: Provider;
  externalAccountId: string;
  name: string;
  status: IntegrationStatus;
  needsReauthorization: boolean;
  cause: CauseSummary | null;
  statusChangedAt: DateTimeString;
  untrackedSince: DateTimeString | null;
  lastCheckedAt: DateTimeString | null;
  authorizedBy: Pick<ProviderIdentity, 'id' | 'name'> | null;
  createdAt: DateTimeString;
}

export interface UntrackedWindow {
  startedAt: DateTimeString;
  endedAt: DateTimeString | null;
  seconds: number;
  cause: InvalidationCause | null;
}

export interface IntegrationEvent {
  at: DateTimeString;
  type: string;
  status: IntegrationStatus;
  cause: InvalidationCause | null;
  actor: string | null;
}

export interface IntegrationDetail extends Omit<IntegrationRow, 'cause' | 'authorizedBy'> {
  cause: CauseInfo | null;
  tokenExpiresAt: DateTimeString | null;
  dataAccessExpiresAt: DateTimeString | null;
  nextCheckAt: DateTimeString | null;
  disconnectedAt: DateTimeString | null;
  authorizedBy: ProviderIdentity | null;
  untrackedWindows: UntrackedWindow[];
  untrackedSeconds: number;
  events: IntegrationEvent[];
  /** Webhook messages the tenant's systems were sent about it, newest first. */
  notifications: Notification[];
}

export interface StatusCount {
  status: IntegrationStatus;
  count: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: T }>;
}

export interface IntegrationFilter {
  tenantId?: string;
  provider?: Provider;
  status?: IntegrationStatus[];
  cause?: InvalidationCause;
  search?: string;
  /** Only what this person (provider identity) authorized. */
  identityId?: string;
}

export interface AuditEntry {
  id: string;
  at: DateTimeString;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
}

export interface IdentityExposure {
  identity: ProviderIdentity;
  integrationCount: number;
  tenantCount: number;
  agencyPattern: boolean;
}

export interface InvalidationDayCount {
  day: string;
  cause: InvalidationCause;
  count: number;
}

export interface UntrackedDay {
  day: string;
  seconds: number;
}

export interface TenantUntracked {
  tenantId: string;
  tenant: Pick<TenantRef, 'name'> | null;
  untrackedSeconds: number;
  brokenCount: number;
}

export interface LongestBroken {
  id: string;
  name: string;
  provider: Provider;
  externalAccountId: string;
  status: IntegrationStatus;
  cause: CauseSummary | null;
  untrackedSince: DateTimeString | null;
  tenant: TenantRef | null;
}

/** One change pushed by the `integrationStatusChanged` subscription. */
export interface StatusChange {
  id: string;
  tenantId: string;
  name: string;
  provider: Provider;
  externalAccountId: string;
  status: IntegrationStatus;
  cause: CauseSummary | null;
  statusChangedAt: DateTimeString;
  untrackedSince: DateTimeString | null;
}

/** One outgoing webhook message about an integration (the tenant's systems were notified): `Integration.notifications`. */
export interface Notification {
  id: string;
  /** Where it was sent. */
  endpointUrl: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: DateTimeString | null;
  createdAt: DateTimeString;
}
