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
export { GOOGLE_ADS_SCOPE } from './providers/google-descriptor.js';
export { classifyProviderResponse } from './classify-provider-response.js';
export { classifySecurityEvent } from './classify-security-event.js';
export { classifyGraphBatchResponse, type GraphBatchOptions } from './providers/graph-batch.js';
export { refineGoogleInvalidGrant, type GoogleInvalidGrantContext } from './providers/google-invalid-grant.js';
export { RISC_EVENT_TYPES } from './providers/google-risc.js';
export { FACEBOOK_DEAUTHORIZE_EVENT } from './providers/facebook-deauthorize.js';
export {
  type IntegrationState,
  type StatusEvent,
  type StatusEffect,
  type Transition,
  type StatusMachineOptions,
  DEFAULT_UNREACHABLE_AFTER,
  DEFAULT_EXPIRING_SOON_WINDOW_SECONDS,
  nextStatus,
  initialIntegrationState,
} from './status-machine.js';
export { statusExpiriesFromCheck } from './status-expiries.js';
export {
  type UntrackedWindowLike,
  type UntrackedRange,
  type TenantUntrackedWindow,
  MAX_CHART_DAYS,
  untrackedSeconds,
  untrackedSecondsByDay,
  untrackedSecondsByTenant,
} from './windows.js';
export {
  type IdentityRef,
  type BlastRadiusInput,
  type IdentityExposure,
  DEFAULT_AGENCY_TENANT_THRESHOLD,
  blastRadius,
} from './blast-radius.js';
export { UnreachableCaseError } from './unreachable-case-error.js';
export { nextCheckAt, endOfLife, DEFAULT_CHECK_SCHEDULE, type CheckScheduleInput, type CheckSchedulePolicy } from './check-schedule.js';
export { hostFailureHint, type HostFailureHint, type HostFailureReport } from './host-failure-hint.js';
