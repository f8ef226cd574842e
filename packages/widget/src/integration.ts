import { RelinkError } from './relink-error.js';

export const PROVIDERS = ['FACEBOOK', 'GOOGLE'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const INTEGRATION_STATUSES = [
  'HEALTHY',
  'EXPIRING_SOON',
  'EXPIRED',
  'REVOKED',
  'UNREACHABLE',
  'DISCONNECTED',
] as const;
export type IntegrationStatus = (typeof INTEGRATION_STATUSES)[number];

/** The API's `CauseInfo`: copy already localised by the API (or English). */
export interface CauseInfo {
  code: string;
  title: string;
  explanation: string;
  action: string;
  securityRelated: boolean;
}

/** The API's `ProviderIdentity`: the provider user whose consent the integration rests on. */
export interface ProviderIdentity {
  provider: Provider;
  externalUserId: string;
  name: string;
}

/** The fields of `Integration` the widget reads (see `INTEGRATION_FIELDS`). Dates are ISO strings. */
export interface WidgetIntegration {
  id: string;
  provider: Provider;
  externalAccountId: string;
  name: string;
  status: IntegrationStatus;
  needsReauthorization: boolean;
  statusChangedAt: string;
  tokenExpiresAt: string | null;
  untrackedSince: string | null;
  authorizedBy: ProviderIdentity | null;
  cause: CauseInfo | null;
}

type Json = Record<string, unknown>;

function fail(path: string, expected: string, value: unknown): never {
  throw new RelinkError(
    'BAD_RESPONSE',
    `The Relink API sent an unexpected integration: ${path} should be ${expected}, got ${JSON.stringify(value) ?? 'undefined'}.`,
  );
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Json;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'a string', value);
  return value;
}

function date(value: unknown, path: string): string {
  const text = string(value, path);
  if (Number.isNaN(Date.parse(text))) fail(path, 'an ISO date', value);
  return text;
}

function optionalDate(value: unknown, path: string): string | null {
  return value === null || value === undefined ? null : date(value, path);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

function parseCause(value: unknown, path: string): CauseInfo | null {
  if (value === null || value === undefined) return null;
  const cause = object(value, path);
  const securityRelated = cause.securityRelated;
  if (typeof securityRelated !== 'boolean') fail(`${path}.securityRelated`, 'a boolean', securityRelated);
  return {
    code: string(cause.code, `${path}.code`),
    title: string(cause.title, `${path}.title`),
    explanation: string(cause.explanation, `${path}.explanation`),
    action: string(cause.action, `${path}.action`),
    securityRelated,
  };
}

function parseIdentity(value: unknown, path: string): ProviderIdentity | null {
  if (value === null || value === undefined) return null;
  const identity = object(value, path);
  return {
    provider: oneOf(PROVIDERS, identity.provider, `${path}.provider`),
    externalUserId: string(identity.externalUserId, `${path}.externalUserId`),
    name: string(identity.name, `${path}.name`),
  };
}

/** Checks one `Integration` object from the API; throws a `BAD_RESPONSE` RelinkError naming the bad field. */
export function parseIntegration(value: unknown, path = 'integration'): WidgetIntegration {
  const node = object(value, path);
  const needsReauthorization = node.needsReauthorization;
  if (typeof needsReauthorization !== 'boolean') {
    fail(`${path}.needsReauthorization`, 'a boolean', needsReauthorization);
  }
  return {
    id: string(node.id, `${path}.id`),
    provider: oneOf(PROVIDERS, node.provider, `${path}.provider`),
    externalAccountId: string(node.externalAccountId, `${path}.externalAccountId`),
    name: string(node.name, `${path}.name`),
    status: oneOf(INTEGRATION_STATUSES, node.status, `${path}.status`),
    needsReauthorization,
    statusChangedAt: date(node.statusChangedAt, `${path}.statusChangedAt`),
    tokenExpiresAt: optionalDate(node.tokenExpiresAt, `${path}.tokenExpiresAt`),
    untrackedSince: optionalDate(node.untrackedSince, `${path}.untrackedSince`),
    authorizedBy: parseIdentity(node.authorizedBy, `${path}.authorizedBy`),
    cause: parseCause(node.cause, `${path}.cause`),
  };
}

/** Checks the `integrations` connection (`edges { node }`) and returns its nodes. */
export function parseIntegrationConnection(value: unknown): WidgetIntegration[] {
  const connection = object(value, 'integrations');
  const edges = connection.edges;
  if (!Array.isArray(edges)) fail('integrations.edges', 'a list', edges);
  return edges.map((edge: unknown, index) =>
    parseIntegration(object(edge, `integrations.edges[${index}]`).node, `integrations.edges[${index}].node`),
  );
}

/** Whether the widget shows anything for this integration (needs reauthorization, expiring soon, unreachable). */
export function isNoteworthy(integration: WidgetIntegration): boolean {
  return (
    integration.needsReauthorization ||
    integration.status === 'EXPIRING_SOON' ||
    integration.status === 'UNREACHABLE'
  );
}
