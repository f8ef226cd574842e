/**
 * The part of the Relink GraphQL contract (shared/CONTRACT.md) the widget uses, copied verbatim
 * in names and types. The contract fake executes the widget's real operations against it, so a
 * misspelt field or a wrong argument fails the widget's tests as it would fail against the API.
 */
export const CONTRACT_SDL = /* GraphQL */ `
  scalar DateTime
  enum Provider { FACEBOOK GOOGLE }
  enum IntegrationStatus { HEALTHY EXPIRING_SOON EXPIRED REVOKED UNREACHABLE DISCONNECTED }
  enum InvalidationCause {
    TOKEN_EXPIRED DATA_ACCESS_EXPIRED PASSWORD_CHANGED PERMISSIONS_CHANGED APP_DEAUTHORIZED
    SECURITY_CHECKPOINT SESSION_INVALIDATED ACCOUNT_DISABLED ADMIN_POLICY ACCESS_REVOKED
    REFRESH_TOKEN_UNUSED TESTING_APP_EXPIRY TOKEN_LIMIT_EXCEEDED UNKNOWN
  }
  type Query {
    viewer: Viewer!
    integrations(filter: IntegrationFilter, first: Int = 50, after: String): IntegrationConnection!
    integration(id: ID!): Integration
  }
  type Mutation {
    startReauthorization(integrationId: ID!, returnTo: String): AuthorizationStart!
  }
  type Subscription { integrationStatusChanged: Integration! }
  type Integration {
    id: ID!
    tenantId: ID!
    provider: Provider!
    externalAccountId: String!
    name: String!
    status: IntegrationStatus!
    needsReauthorization: Boolean!
    cause: CauseInfo
    statusChangedAt: DateTime!
    tokenExpiresAt: DateTime
    lastCheckedAt: DateTime
    untrackedSince: DateTime
    authorizedBy: ProviderIdentity
  }
  type CauseInfo { code: InvalidationCause! title: String! explanation: String! action: String! securityRelated: Boolean! }
  type ProviderIdentity { provider: Provider! externalUserId: String! name: String! }
  type AuthorizationStart { url: String! expiresAt: DateTime! }
  type Tenant { id: ID! name: String! }
  type Viewer { kind: String! tenant: Tenant }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type IntegrationEdge { cursor: String! node: Integration! }
  type IntegrationConnection { edges: [IntegrationEdge!]! pageInfo: PageInfo! totalCount: Int! }
  input IntegrationFilter { tenantId: ID provider: Provider status: [IntegrationStatus!] cause: InvalidationCause search: String }
`;
