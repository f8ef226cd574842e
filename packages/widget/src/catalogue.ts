import type { Provider } from './integration.js';

/** Every string the widget shows itself. Cause copy (title, explanation, action) comes from the API. */
export interface Catalogue {
  provider: Record<Provider, string>;
  refresh: string;
  refreshWaiting: string;
  refreshRedirecting: string;
  dismiss: string;
  /** Accessible name of the dismiss button. */
  dismissLabel(subject: string): string;
  securityBadge: string;
  adAccounts(count: number): string;
  authorizedBy(name: string): string;
  oneConsentFixesAll(name: string | null, count: number): string;
  reconnectTitle: string;
  reconnectExplanation(provider: string): string;
  reconnectAction: string;
  notTrackingSince(duration: string): string;
  notTrackingJustNow: string;
  /** `2 h 14 min`, `3 d 4 h`, `14 min`. */
  duration(days: number, hours: number, minutes: number): string;
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

function units(parts: Array<[number, string]>): string {
  return parts
    .filter(([value]) => value > 0)
    .slice(0, 2)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}

export const en: Catalogue = {
  provider: { FACEBOOK: 'Facebook Ads', GOOGLE: 'Google Ads' },
  refresh: 'Refresh token',
  refreshWaiting: 'Waiting for sign-in…',
  refreshRedirecting: 'Opening sign-in…',
  dismiss: 'Dismiss',
  dismissLabel: (subject) => `Dismiss for now: ${subject}`,
  securityBadge: 'Security',
  adAccounts: (count) => (count === 1 ? '1 ad account' : `${count} ad accounts`),
  authorizedBy: (name) => `connected by ${name}`,
  oneConsentFixesAll: (name, count) =>
    name ? `One sign-in as ${name} reconnects all ${count}.` : `One sign-in reconnects all ${count}.`,
  reconnectTitle: 'Reconnection needed',
  reconnectExplanation: (provider) => `${provider} no longer accepts Relink's access to this ad account.`,
  reconnectAction: 'Refresh the token to resume tracking.',
  notTrackingSince: (duration) => `Not tracking since ${duration}`,
  notTrackingJustNow: 'Stopped tracking just now',
  duration: (days, hours, minutes) => units([[days, 'd'], [hours, 'h'], [minutes, 'min']]),
  expiringTitle: 'Access expires soon',
  expiresOn: (date) => `The token expires on ${date}.`,
  expiringAction: 'Refresh it now to keep tracking without a gap.',
  checkingTitle: (provider) => `Checking ${provider}`,
  checkingBody: "We couldn't reach the provider just now and keep checking. Nothing to do yet.",
  successTitle: 'Reconnected',
  successBody: 'Tracking again.',
  popupFailed: (error) => `Sign-in did not finish (${error}). Try again.`,
  stillDisconnected: (name) =>
    name ? `Signed in, but this still needs ${name}'s consent. Sign in as ${name}.` : 'Signed in, but this account is still disconnected. Try again.',
  startFailed: (message) => `Could not start sign-in: ${message}`,
};

export const de: Catalogue = {
  provider: { FACEBOOK: 'Facebook Ads', GOOGLE: 'Google Ads' },
  refresh: 'Token erneuern',
  refreshWaiting: 'Warte auf Anmeldung…',
  refreshRedirecting: 'Anmeldung wird geöffnet…',
  dismiss: 'Ausblenden',
  dismissLabel: (subject) => `Vorerst ausblenden: ${subject}`,
  securityBadge: 'Sicherheit',
  adAccounts: (count) => (count === 1 ? '1 Werbekonto' : `${count} Werbekonten`),
  authorizedBy: (name) => `verbunden von ${name}`,
  oneConsentFixesAll: (name, count) =>
    name ? `Eine Anmeldung als ${name} verbindet alle ${count} neu.` : `Eine Anmeldung verbindet alle ${count} neu.`,
  reconnectTitle: 'Neu verbinden erforderlich',
  reconnectExplanation: (provider) => `${provider} akzeptiert den Zugriff von Relink auf dieses Werbekonto nicht mehr.`,
  reconnectAction: 'Erneuern Sie das Token, um die Erfassung fortzusetzen.',
  notTrackingSince: (duration) => `Keine Erfassung seit ${duration}`,
  notTrackingJustNow: 'Erfassung gerade unterbrochen',
  duration: (days, hours, minutes) => units([[days, 'T.'], [hours, 'Std.'], [minutes, 'Min.']]),
  expiringTitle: 'Zugriff läuft bald ab',
  expiresOn: (date) => `Das Token läuft am ${date} ab.`,
  expiringAction: 'Jetzt erneuern, damit die Erfassung ohne Lücke weiterläuft.',
  checkingTitle: (provider) => `${provider} wird geprüft`,
  checkingBody: 'Der Anbieter war gerade nicht erreichbar; wir prüfen weiter. Noch nichts zu tun.',
  successTitle: 'Wieder verbunden',
  successBody: 'Die Erfassung läuft wieder.',
  popupFailed: (error) => `Die Anmeldung wurde nicht abgeschlossen (${error}). Bitte erneut versuchen.`,
  stillDisconnected: (name) =>
    name
      ? `Angemeldet, aber dafür ist die Zustimmung von ${name} nötig. Melden Sie sich als ${name} an.`
      : 'Angemeldet, aber dieses Konto ist weiterhin getrennt. Bitte erneut versuchen.',
  startFailed: (message) => `Die Anmeldung konnte nicht gestartet werden: ${message}`,
};

const catalogues: Record<string, Catalogue> = { en, de };

/** The catalogue for a BCP 47 tag by its primary language (`de-AT` → German); English otherwise. */
export function catalogueFor(lang: string): Catalogue {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return catalogues[primary] ?? en;
}

/** `2 h 14 min` in the catalogue's words; `null` under a minute. */
export function formatDuration(catalogue: Catalogue, milliseconds: number): string | null {
  const totalMinutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (totalMinutes < 1) return null;
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  return catalogue.duration(days, hours, minutes);
}
