// The public surface of @relink/core. Add with intention; inside the package import from the source file.
export { type Provider, PROVIDERS, isProvider } from './provider.js';
export {
  type IntegrationStatus,
  INTEGRATION_STATUSES,
  isIntegrationStatus,
  needsReauthorization,
} from './integration-status.js';
export {
  type InvalidationCause,
  INVALIDATION_CAUSES,
  isInvalidationCause,
  statusForCause,
} from './invalidation-cause.js';
export { type CauseInfo, type CauseLocale, CAUSE_LOCALES, causeInfo, resolveCauseLocale } from './causes/cause-info.js';
export type { CauseCopy, CauseCatalogue } from './causes/cause-copy.js';
export type { CheckResult, ProviderResponse, SecuritySubject, SecurityEventResult } from './check-result.js';
export type { ProviderDescriptor } from './providers/provider-descriptor.js';
export { providerDescriptor, causesForProvider } from './providers/provider-descriptors.js';
export { GOOGLE_ADS_SCOPE } from './providers/google.js';
export { UnreachableCaseError } from './unreachable-case-error.js';
