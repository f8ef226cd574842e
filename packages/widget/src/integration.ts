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
/** `s` string, `b` boolean, `d` ISO date, `d?` ISO date or null/missing, a list: one of these strings. */
type Rule = 's' | 'b' | 'd' | 'd?' | readonly string[];

function fail(path: string, value: unknown): never {
  throw new RelinkError('BAD_RESPONSE', `Unexpected answer from Relink: ${path} is ${JSON.stringify(value) ?? 'missing'}.`);
}

function object(value: unknown, path: string): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : fail(path, value);
}

/** Checks `value`'s fields against `rules` and returns them; missing optional fields come back as null. */
function check<T>(value: unknown, rules: Record<string, Rule>, path: string): T {
  const record = object(value, path);
  const result: Json = {};
  for (const [key, rule] of Object.entries(rules)) {
    const field = record[key] ?? null;
    const ok =
      typeof rule === 'object'
        ? rule.includes(field as string)
        : rule === 'b'
          ? typeof field === 'boolean'
          : (rule === 'd?' && field === null) || (typeof field === 'string' && (rule === 's' || !isNaN(Date.parse(field))));
    result[key] = ok ? field : fail(`${path}.${key}`, field);
  }
  return result as T;
}

const CAUSE_RULES: Record<string, Rule> = { code: 's', title: 's', explanation: 's', action: 's', securityRelated: 'b' };
const IDENTITY_RULES: Record<string, Rule> = { provider: PROVIDERS, externalUserId: 's', name: 's' };
const INTEGRATION_RULES: Record<string, Rule> = {
  id: 's',
  provider: PROVIDERS,
  name: 's',
  status: INTEGRATION_STATUSES,
  needsReauthorization: 'b',
  statusChangedAt: 'd',
  tokenExpiresAt: 'd?',
  untrackedSince: 'd?',
};

/** Checks one `Integration` object from the API; throws a `BAD_RESPONSE` RelinkError naming the bad field. */
export function parseIntegration(value: unknown, path = 'integration'): WidgetIntegration {
  const integration = check<WidgetIntegration>(value, INTEGRATION_RULES, path);
  const { authorizedBy, cause } = value as Json;
  integration.authorizedBy = authorizedBy == null ? null : check<ProviderIdentity>(authorizedBy, IDENTITY_RULES, `${path}.authorizedBy`);
  integration.cause = cause == null ? null : check<CauseInfo>(cause, CAUSE_RULES, `${path}.cause`);
  return integration;
}

/** Checks the `integrations` connection (`edges { node }`) and returns its nodes. */
export function parseIntegrationConnection(value: unknown): WidgetIntegration[] {
  const edges = object(value, 'integrations').edges;
  return (Array.isArray(edges) ? edges : fail('integrations.edges', edges)).map((edge: unknown, index) =>
    parseIntegration(object(edge, `integrations.edges[${index}]`).node, `integrations.edges[${index}].node`),
  );
}
