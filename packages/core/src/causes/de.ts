import type { CauseCatalogue } from './cause-copy.js';

/** German copy (Sie-Form), translated from the English catalogue. */
export const de: CauseCatalogue = {
  TOKEN_EXPIRED: {
    title: 'Die Verbindung ist abgelaufen',
    explanation:
      'Jede Verbindung zu einer Werbeplattform gilt nur eine begrenzte Zeit, bei Facebook etwa 60 Tage. ' +
      'Danach liefert die Plattform keine Daten mehr, bis jemand die Verbindung erneut bestätigt. Mit Ihrem Konto ist alles in Ordnung.',
    action: 'Klicken Sie auf „Token erneuern“ und melden Sie sich mit demselben Konto an. Das dauert weniger als eine Minute.',
    prevention:
      'Wir warnen Sie eine Woche vor Ablauf. Bestätigen Sie die Verbindung, sobald der Hinweis „läuft bald ab“ erscheint, dann entsteht keine Lücke.',
  },
  DATA_ACCESS_EXPIRED: {
    title: 'Facebook hat den Datenzugriff nach 90 Tagen pausiert',
    explanation:
      'Facebook verlangt alle 90 Tage, dass die Person, die das Werbekonto verbunden hat, den Datenzugriff bestätigt. ' +
      'Die Verbindung besteht noch, aber bis zur Bestätigung liefert Facebook keine Werbedaten.',
    action: 'Klicken Sie auf „Token erneuern“, melden Sie sich mit dem verbindenden Facebook-Konto an und bestätigen Sie die Anfrage.',
    prevention:
      'Wir warnen Sie eine Woche vor Ablauf der 90 Tage. Wenn Sie beim Hinweis „läuft bald ab“ bestätigen, fließen die Daten ohne Unterbrechung weiter.',
  },
  PASSWORD_CHANGED: {
    title: 'Die Anmeldung wurde zurückgesetzt',
    explanation:
      'Das Passwort des Kontos, das diese Integration verbunden hat, wurde geändert oder zurückgesetzt, von der Person selbst oder von einem Admin, ' +
      'oder die Plattform hat das Konto aus Sicherheitsgründen überall abgemeldet. Facebook tut das, wenn viele Personen dieselbe Anmeldung ' +
      'von verschiedenen Orten (verschiedenen IP-Adressen) aus nutzen: Das sieht nach einem Einbruch aus, also werden alle Sitzungen beendet.',
    action:
      'Klicken Sie auf „Token erneuern“ und melden Sie sich mit dem neuen Passwort an. Falls Sie keine Passwortänderung erwartet haben, prüfen Sie zuerst die Sicherheitseinstellungen des Kontos.',
    prevention:
      'Teilen Sie keine persönliche Anmeldung unter Kollegen. Geben Sie jeder Person eigenen Zugriff auf das Werbekonto im Business Manager ' +
      '(oder in Google Ads) und verbinden Sie die Integration mit einem Konto, das nur eine Person nutzt. Agenturen: Verbinden Sie jeden Kunden ' +
      'über dessen eigenes Werbekonto statt über ein persönliches Konto für alle Kunden.',
  },
  PERMISSIONS_CHANGED: {
    title: 'Der Zugriff auf das Werbekonto wurde eingeschränkt',
    explanation:
      'Die Person, die diese Integration verbunden hat, hat nicht mehr die Berechtigungen, die wir zum Lesen der Werbedaten brauchen. ' +
      'Ihre Rolle im Werbekonto, auf der Seite oder im Unternehmen wurde geändert oder entfernt, oder sie hat bei der letzten Bestätigung eine Berechtigung abgewählt.',
    action:
      'Stellen Sie sicher, dass die Person noch Zugriff auf das Werbekonto hat (mindestens Lesezugriff), klicken Sie dann auf „Token erneuern“ und bestätigen Sie alle angefragten Berechtigungen.',
    prevention:
      'Verbinden Sie die Integration mit einem Konto, dessen Rolle sich voraussichtlich nicht ändert, am besten einem eigenen Admin- oder Systemnutzer. ' +
      'Prüfen Sie vor dem Entfernen einer Person aus dem Werbekonto, ob sie eine Integration verbunden hat.',
  },
  APP_DEAUTHORIZED: {
    title: 'Die Verbindung wurde in der Werbeplattform entfernt',
    explanation:
      'Jemand hat unsere App aus dem verbundenen Konto entfernt (zum Beispiel unter „Business-Integrationen“ bei Facebook oder ' +
      '„Drittanbieter-Apps mit Kontozugriff“ bei Google). Seitdem liefert die Plattform keine Daten mehr.',
    action: 'War das Absicht, können Sie die Integration hier trennen. Andernfalls klicken Sie auf „Token erneuern“ und bestätigen die Verbindung erneut.',
    prevention: 'Sagen Sie Ihrem Team, dass das Entfernen der App in den Plattform-Einstellungen das Tracking stoppt, und dass es stattdessen hier trennen soll.',
  },
  SECURITY_CHECKPOINT: {
    title: 'Die Plattform braucht eine Bestätigung des Kontoinhabers',
    explanation:
      'Facebook hat das Konto, das diese Integration verbunden hat, gesperrt, bis der Inhaber sich anmeldet und eine Sicherheitsprüfung abschließt ' +
      '(etwa seine Identität oder Kontaktdaten bestätigt). Bis dahin können keine Daten gelesen werden.',
    action:
      'Bitten Sie den Kontoinhaber, sich auf facebook.com anzumelden und den Anweisungen zu folgen. Klicken Sie danach auf „Token erneuern“.',
    prevention:
      'Prüfungen werden durch ungewöhnliche Anmeldungen ausgelöst, etwa ein Konto, das von vielen Orten aus genutzt wird. Nutzen Sie das Konto ' +
      'persönlich, aktivieren Sie die Zwei-Faktor-Authentifizierung und halten Sie die Kontaktdaten aktuell.',
  },
  SESSION_INVALIDATED: {
    title: 'Die Sitzung wurde beendet',
    explanation:
      'Das Konto, das diese Integration verbunden hat, wurde abgemeldet: von der Person selbst („auf allen Geräten abmelden“), von einem Admin ' +
      'oder von der Plattform aus Sicherheitsgründen. Damit endet auch unsere Verbindung.',
    action: 'Klicken Sie auf „Token erneuern“ und melden Sie sich erneut mit demselben Konto an.',
    prevention:
      'Nutzen Sie für die Verbindung ein Konto, das nicht geteilt wird, und vermeiden Sie „überall abmelden“ auf diesem Konto. ' +
      'Begrenzt Ihr Unternehmen die Dauer von Google-Sitzungen, bitten Sie Ihren Admin um eine Ausnahme für diese App oder bestätigen Sie regelmäßig.',
  },
  ACCOUNT_DISABLED: {
    title: 'Das verbundene Konto wurde deaktiviert',
    explanation:
      'Die Werbeplattform hat das verbindende Konto (oder das Werbekonto selbst) deaktiviert oder gesperrt, zum Beispiel weil es so aussah, ' +
      'als hätte jemand anderes es übernommen. Solange es deaktiviert ist, können keine Daten gelesen werden.',
    action:
      'Der Kontoinhaber sollte sich bei der Plattform anmelden und den Schritten zur Wiederherstellung folgen. Ist das Konto wieder aktiv, klicken Sie auf „Token erneuern“.',
    prevention:
      'Schützen Sie das Konto mit Zwei-Faktor-Authentifizierung und teilen Sie die Anmeldung nicht. Halten Sie die Werberichtlinien der Plattform ein, um Sperren zu vermeiden.',
  },
  ADMIN_POLICY: {
    title: 'Der Administrator Ihres Unternehmens hat den Zugriff blockiert',
    explanation:
      'Der Google-Workspace-Administrator des verbundenen Kontos hat eine Richtlinie geändert, sodass unsere App die nötigen Berechtigungen nicht mehr nutzen darf.',
    action: 'Bitten Sie Ihren Google-Workspace-Administrator, diese App (und die Google-Ads-Berechtigung) für Ihr Konto zuzulassen, und klicken Sie dann auf „Token erneuern“.',
    prevention: 'Bitten Sie Ihren Administrator, die App als vertrauenswürdig einzustufen, damit spätere Richtlinienänderungen sie nicht blockieren.',
  },
  ACCESS_REVOKED: {
    title: 'Der Zugriff wurde entzogen',
    explanation:
      'Google akzeptiert diese Verbindung nicht mehr. Meist hat jemand den Zugriff der App im Google-Konto entfernt oder das Passwort geändert. ' +
      'Google sagt uns nicht, was davon.',
    action: 'Klicken Sie auf „Token erneuern“ und bestätigen Sie die Verbindung erneut mit demselben Google-Konto.',
    prevention:
      'Sagen Sie Ihrem Team, dass das Entfernen der App unter „Drittanbieter-Apps mit Kontozugriff“ das Tracking stoppt. ' +
      'Verbinden Sie mit einem Konto, das nicht geteilt wird.',
  },
  REFRESH_TOKEN_UNUSED: {
    title: 'Die Verbindung ist nach langer Nichtnutzung abgelaufen',
    explanation: 'Google beendet Verbindungen, die sechs Monate lang nicht genutzt wurden. Diese Integration wurde so lange nicht genutzt.',
    action: 'Klicken Sie auf „Token erneuern“ und bestätigen Sie die Verbindung erneut.',
    prevention: 'Lassen Sie die Integration eingeschaltet oder trennen Sie Integrationen, die Sie nicht mehr brauchen.',
  },
  TESTING_APP_EXPIRY: {
    title: 'Die Verbindung ist nach 7 Tagen abgelaufen (App im Testmodus)',
    explanation:
      'Die Google-App für diese Verbindung ist noch im Modus „Test“, und Google beendet jede Verbindung einer solchen App nach 7 Tagen.',
    action: 'Klicken Sie auf „Token erneuern“, um für weitere 7 Tage zu verbinden, und informieren Sie Ihr technisches Team.',
    prevention: 'Der Inhaber der App sollte die Google-App veröffentlichen („In Produktion“), dann laufen Verbindungen nicht mehr jede Woche ab.',
  },
  TOKEN_LIMIT_EXCEEDED: {
    title: 'Zu viele Verbindungen für ein Konto',
    explanation:
      'Google erlaubt höchstens 100 aktive Verbindungen eines Google-Kontos zur selben App. Dieses Konto wurde immer wieder neu verbunden ' +
      '(oft von vielen Teammitgliedern oder Kunden mit derselben Anmeldung), also hat Google still die älteste Verbindung beendet: diese.',
    action: 'Klicken Sie auf „Token erneuern“ und bestätigen Sie die Verbindung erneut.',
    prevention:
      'Verbinden Sie dasselbe Konto nicht immer wieder neu. Agenturen: Verbinden Sie jeden Kunden über dessen eigenes Werbekonto statt über ein persönliches Konto für alle Kunden.',
  },
  UNKNOWN: {
    title: 'Die Verbindung funktioniert nicht mehr',
    explanation: 'Die Werbeplattform hat diese Verbindung ohne Angabe von Gründen abgelehnt.',
    action: 'Klicken Sie auf „Token erneuern“ und bestätigen Sie die Verbindung erneut. Hilft das nicht, wenden Sie sich an den Support.',
    prevention: 'Passiert das erneut, nennen Sie dem Support den Zeitpunkt, damit wir der Sache nachgehen können.',
  },
};
