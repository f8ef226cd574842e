import type { Provider } from './integration.js';

/** Product names, the same in every language. */
export const PROVIDER_NAMES: Record<Provider, string> = { FACEBOOK: 'Facebook Ads', GOOGLE: 'Google Ads' };

/** Every string the widget shows itself. Cause copy (title, explanation, action) comes from the API. */
export interface Catalogue {
  refresh: string;
  /** The button while consent is open (popup) or loading (redirect). */
  refreshing: string;
  /** Accessible name of the dismiss button. */
  dismissLabel(subject: string): string;
  securityBadge: string;
  adAccounts(count: number): string;
  connectedBy(name: string): string;
  oneConsentFixesAll(name: string | null, count: number): string;
  /** Title and action when the API sent no cause. */
  reconnectTitle: string;
  reconnectAction: string;
  notTrackingSince(duration: string): string;
  notTrackingJustNow: string;
  /** Units of `2 h 14 min`: days, hours, minutes. */
  units: [string, string, string];
  expiringTitle: string;
  expiresOn(date: string): string;
  expiringAction: string;
  checkingTitle(provider: string): string;
  checkingBody: string;
  successTitle: string;
  successBody: string;
  popupFailed(error: string): string;
  stillDisconnected(name: string | null): string;
  startFailed(message: string): string;
}

export const en: Catalogue = {
  refresh: 'Refresh token',
  refreshing: 'Signing in…',
  dismissLabel: (subject) => `Dismiss for now: ${subject}`,
  securityBadge: 'Security',
  adAccounts: (count) => `${count} ad account${count === 1 ? '' : 's'}`,
  connectedBy: (name) => `connected by ${name}`,
  oneConsentFixesAll: (name, count) => `One sign-in${name ? ` as ${name}` : ''} reconnects all ${count}.`,
  reconnectTitle: 'Reconnection needed',
  reconnectAction: 'Refresh the token to resume tracking.',
  notTrackingSince: (duration) => `Not tracking since ${duration}`,
  notTrackingJustNow: 'Stopped tracking just now',
  units: ['d', 'h', 'min'],
  expiringTitle: 'Access expires soon',
  expiresOn: (date) => `The token expires on ${date}.`,
  expiringAction: 'Refresh it now to keep tracking without a gap.',
  checkingTitle: (provider) => `Checking ${provider}`,
  checkingBody: "We couldn't reach the provider just now and keep checking. Nothing to do yet.",
  successTitle: 'Reconnected',
  successBody: 'Tracking again.',
  popupFailed: (error) => `Sign-in did not finish (${error}). Try again.`,
  stillDisconnected: (name) => `Signed in, but this is still disconnected. ${name ? `Sign in as ${name}.` : 'Try again.'}`,
  startFailed: (message) => `Could not start sign-in: ${message}`,
};

export const de: Catalogue = {
  refresh: 'Token erneuern',
  refreshing: 'Anmeldung läuft…',
  dismissLabel: (subject) => `Vorerst ausblenden: ${subject}`,
  securityBadge: 'Sicherheit',
  adAccounts: (count) => `${count} Werbekont${count === 1 ? 'o' : 'en'}`,
  connectedBy: (name) => `verbunden von ${name}`,
  oneConsentFixesAll: (name, count) => `Eine Anmeldung${name ? ` als ${name}` : ''} verbindet alle ${count} neu.`,
  reconnectTitle: 'Neu verbinden erforderlich',
  reconnectAction: 'Erneuern Sie das Token, um die Erfassung fortzusetzen.',
  notTrackingSince: (duration) => `Keine Erfassung seit ${duration}`,
  notTrackingJustNow: 'Erfassung gerade unterbrochen',
  units: ['T.', 'Std.', 'Min.'],
  expiringTitle: 'Zugriff läuft bald ab',
  expiresOn: (date) => `Das Token läuft am ${date} ab.`,
  expiringAction: 'Jetzt erneuern, damit die Erfassung ohne Lücke weiterläuft.',
  checkingTitle: (provider) => `${provider} wird geprüft`,
  checkingBody: 'Der Anbieter war gerade nicht erreichbar; wir prüfen weiter. Noch nichts zu tun.',
  successTitle: 'Wieder verbunden',
  successBody: 'Die Erfassung läuft wieder.',
  popupFailed: (error) => `Die Anmeldung wurde nicht abgeschlossen (${error}). Bitte erneut versuchen.`,
  stillDisconnected: (name) => `Angemeldet, aber weiterhin getrennt. ${name ? `Melden Sie sich als ${name} an.` : 'Bitte erneut versuchen.'}`,
  startFailed: (message) => `Die Anmeldung konnte nicht gestartet werden: ${message}`,
};

/** The catalogue for a BCP 47 tag by its primary language (`de-AT` → German); English otherwise. */
export function catalogueFor(lang: string): Catalogue {
  return /^\s*de([\W_]|$)/i.test(lang) ? de : en;
}

/** `2 h 14 min` (the two largest units) in the catalogue's words; `null` under a minute. */
export function formatDuration(catalogue: Catalogue, milliseconds: number): string | null {
  const minutes = Math.floor(milliseconds / 60_000);
  if (!(minutes > 0)) return null;
  return [Math.floor(minutes / 1440), Math.floor(minutes / 60) % 24, minutes % 60]
    .map((value, index) => (value ? `${value} ${catalogue.units[index]}` : ''))
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
}
