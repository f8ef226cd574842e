export { RelinkBanner, SUCCESS_VISIBLE_MS } from './relink-banner.component.js';
export { relinkBannerStyles } from './relink-banner.styles.js';
export {
  relinkEvent,
  type RelinkDismissDetail,
  type RelinkDismissEvent,
  type RelinkErrorDetail,
  type RelinkErrorEvent,
  type RelinkEventMap,
  type RelinkRefreshedDetail,
  type RelinkRefreshedEvent,
  type RelinkRefreshStartDetail,
  type RelinkRefreshStartEvent,
} from './events.js';
export { RelinkError, type RelinkErrorCode } from './relink-error.js';
export type { CauseInfo, IntegrationStatus, Provider, ProviderIdentity, WidgetIntegration } from './integration.js';
export type { OAuthCompleteMessage } from './oauth-message.js';
export { INTEGRATION_FIELDS, INTEGRATIONS_QUERY, STATUS_SUBSCRIPTION, START_REAUTHORIZATION_MUTATION } from './queries.js';
export { catalogueFor, de, en, type Catalogue } from './catalogue.js';
export { widgetBundleFile, widgetBundleUrl } from './bundle-path.js';
