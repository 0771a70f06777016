// Texts for connecting a channel to its platform (OAuth), renewing and disconnecting it.
import type { Translations } from '../i18n/i18n.types.ts';

export const connectionDe = {
  'connection.title': 'Verbindung zur Plattform',
  'connection.intro':
    'Damit Stadtfunk für diesen Kanal veröffentlichen und Kommentare lesen kann, melden Sie sich einmal bei der Plattform an und erlauben den Zugriff. Die Zugangsschlüssel werden verschlüsselt gespeichert und nie angezeigt.',
  'connection.connected': 'Verbunden',
  'connection.notConnected': 'Nicht verbunden',
  'connection.expired': 'Abgelaufen – bitte neu verbinden',
  'connection.manual':
    'Diese Plattform hat keine Schnittstelle für Stadtfunk. Beiträge werden dort von Hand veröffentlicht; Stadtfunk legt dafür Aufgaben an.',
  'connection.status': 'Status',
  'connection.account': 'Konto auf der Plattform',
  'connection.connectedAt': 'Verbunden am',
  'connection.expiresAt': 'Zugang gültig bis',
  'connection.noExpiry': 'ohne Ablaufdatum',
  'connection.renewal': 'Verlängerung',
  'connection.renewAutomatic': 'automatisch durch Stadtfunk',
  'connection.renewManual':
    'nicht möglich – die Plattform verlangt eine neue Anmeldung; Stadtfunk erinnert 14, 7 und 1 Tag vorher',
  'connection.lastFailure': 'Letzter Verlängerungsversuch',
  'connection.failure.transient': 'Plattform nicht erreichbar, neuer Versuch in einer Stunde',
  'connection.failure.rate-limited': 'Plattform bittet um Pause, neuer Versuch in einer Stunde',
  'connection.failure.auth-expired': 'Anmeldung abgelehnt – bitte neu verbinden',
  'connection.failure.other': 'fehlgeschlagen ({kind})',
  'connection.connect': 'Verbinden',
  'connection.reconnect': 'Neu verbinden',
  'connection.refresh': 'Zugang jetzt verlängern',
  'connection.disconnect': 'Verbindung trennen',
  'connection.disconnectConfirm':
    'Wirklich trennen? Stadtfunk kann danach auf diesem Kanal nichts mehr veröffentlichen.',
  'connection.disconnectYes': 'Ja, trennen',
  'connection.redirecting': 'Sie werden zur Plattform weitergeleitet …',
  'connection.outcome.verbunden': 'Der Kanal ist verbunden.',
  'connection.outcome.abgelehnt':
    'Die Anmeldung bei der Plattform wurde abgebrochen. Der Kanal ist nicht verbunden.',
  'connection.outcome.ungueltig':
    'Der Anmeldevorgang ist abgelaufen oder ungültig. Bitte starten Sie „Verbinden“ erneut.',
  'connection.outcome.fehler':
    'Die Plattform hat die Anmeldung nicht abgeschlossen. Bitte versuchen Sie es erneut oder prüfen Sie den App-Zugang.',
  'connection.refreshed': 'Der Zugang ist verlängert.',
  'connection.disconnected': 'Die Verbindung ist getrennt.',
  'connection.appTitle': 'App-Zugang der Stadt bei der Plattform',
  'connection.appMissing':
    'Für diese Plattform ist noch kein App-Zugang hinterlegt. Die Stadt registriert dafür einmal eine App im Entwicklerportal der Plattform und trägt hier Client-ID und Client-Secret ein.',
  'connection.appAuto':
    'Auf Mastodon legt Stadtfunk den App-Zugang beim ersten Verbinden selbst auf der Instanz an.',
  'connection.appStored': 'App-Zugang hinterlegt: {clientId} ({baseUrl})',
  'connection.appSandbox': 'Sandbox (Übungsumgebung auf diesem Rechner)',
  'connection.appEdit': 'App-Zugang ändern',
  'connection.appAdd': 'App-Zugang eintragen',
  'connection.clientId': 'Client-ID',
  'connection.clientSecret': 'Client-Secret',
  'connection.clientSecretHint':
    'Wird verschlüsselt gespeichert und nicht wieder angezeigt. Leer lassen bei öffentlichen Clients.',
  'connection.baseUrl': 'Adresse der Schnittstelle (optional)',
  'connection.baseUrlHint': 'Nur ändern, wenn Sie nicht die echte Plattform verwenden.',
  'connection.appSave': 'App-Zugang speichern',
  'connection.appSaved': 'Der App-Zugang ist gespeichert.',
} as const;

export const connectionEn: Translations<typeof connectionDe> = {
  'connection.title': 'Connection to the platform',
  'connection.intro':
    'For Stadtfunk to publish on this channel and read comments, sign in to the platform once and allow access. The access keys are stored encrypted and never shown.',
  'connection.connected': 'Connected',
  'connection.notConnected': 'Not connected',
  'connection.expired': 'Expired – please reconnect',
  'connection.manual':
    'This platform has no API for Stadtfunk. Posts are published there by hand; Stadtfunk creates tasks for that.',
  'connection.status': 'Status',
  'connection.account': 'Account on the platform',
  'connection.connectedAt': 'Connected on',
  'connection.expiresAt': 'Access valid until',
  'connection.noExpiry': 'no expiry date',
  'connection.renewal': 'Renewal',
  'connection.renewAutomatic': 'automatic, by Stadtfunk',
  'connection.renewManual':
    'not possible – the platform requires a new sign-in; Stadtfunk reminds you 14, 7 and 1 day ahead',
  'connection.lastFailure': 'Last renewal attempt',
  'connection.failure.transient': 'platform unreachable, next attempt in an hour',
  'connection.failure.rate-limited': 'platform asks to wait, next attempt in an hour',
  'connection.failure.auth-expired': 'sign-in refused – please reconnect',
  'connection.failure.other': 'failed ({kind})',
  'connection.connect': 'Connect',
  'connection.reconnect': 'Reconnect',
  'connection.refresh': 'Renew access now',
  'connection.disconnect': 'Disconnect',
  'connection.disconnectConfirm':
    'Really disconnect? Stadtfunk will no longer be able to publish on this channel.',
  'connection.disconnectYes': 'Yes, disconnect',
  'connection.redirecting': 'You are being taken to the platform …',
  'connection.outcome.verbunden': 'The channel is connected.',
  'connection.outcome.abgelehnt':
    'The sign-in at the platform was cancelled. The channel is not connected.',
  'connection.outcome.ungueltig':
    'The sign-in has expired or is invalid. Please start “Connect” again.',
  'connection.outcome.fehler':
    'The platform did not complete the sign-in. Please try again or check the app registration.',
  'connection.refreshed': 'Access has been renewed.',
  'connection.disconnected': 'The connection has been removed.',
  'connection.appTitle': 'The city’s app registration at the platform',
  'connection.appMissing':
    'No app registration is stored for this platform yet. The city registers an app once in the platform’s developer portal and enters client ID and client secret here.',
  'connection.appAuto':
    'On Mastodon, Stadtfunk registers the app on the instance itself when you first connect.',
  'connection.appStored': 'App registration stored: {clientId} ({baseUrl})',
  'connection.appSandbox': 'Sandbox (practice environment on this machine)',
  'connection.appEdit': 'Change app registration',
  'connection.appAdd': 'Enter app registration',
  'connection.clientId': 'Client ID',
  'connection.clientSecret': 'Client secret',
  'connection.clientSecretHint':
    'Stored encrypted and never shown again. Leave empty for public clients.',
  'connection.baseUrl': 'API address (optional)',
  'connection.baseUrlHint': 'Change only if you are not using the real platform.',
  'connection.appSave': 'Save app registration',
  'connection.appSaved': 'The app registration has been saved.',
};
