// Built-in texts in German and English; the config may override single keys per language.
// Placeholders: {name} service, {operator} its operator, {host} the host the embed loads from.

export interface Texts {
  title: string;
  notice: string;
  acceptAll: string;
  necessaryOnly: string;
  settings: string;
  intro: string;
  necessary: string;
  necessaryInfo: string;
  social: string;
  socialInfo: string;
  statistics: string;
  statisticsInfo: string;
  statisticsToggle: string;
  signal: string;
  save: string;
  close: string;
  browserHelp: string;
  browserInfo: string;
  privacyNotice: string;
  imprint: string;
  policyOf: string;
  embedInfo: string;
  loadOnce: string;
  allowAlways: string;
  newTab: string;
}

export const TEXTS_DE: Texts = {
  title: 'Datenschutz-Einstellungen',
  notice:
    'Diese Seite kann Inhalte aus sozialen Medien einbinden und mit Matomo statistisch auswerten. Beides geschieht nur mit Ihrer Einwilligung. Sie können Ihre Auswahl jederzeit über „Datenschutz-Einstellungen“ am Seitenende ändern oder widerrufen.',
  acceptAll: 'Alle akzeptieren',
  necessaryOnly: 'Nur notwendige',
  settings: 'Einstellungen',
  intro:
    'Wählen Sie, welche Inhalte und Dienste Sie zulassen. Ohne Ihre Einwilligung wird nichts von Dritten geladen.',
  necessary: 'Notwendig',
  necessaryInfo:
    'Ihre Auswahl wird mit einer zufälligen Kennung in Ihrem Browser gespeichert (kein Cookie) und als Nachweis an die Stadt übermittelt, ohne IP-Adresse.',
  social: 'Inhalte aus sozialen Medien',
  socialInfo:
    'Eingebettete Beiträge und Videos werden von den Betreibern geladen. Diese erhalten dabei Daten wie Ihre IP-Adresse und können Cookies setzen.',
  statistics: 'Statistik (Matomo)',
  statisticsInfo:
    'Matomo wertet die Nutzung dieser Seite auf Servern der Stadt aus. Mit Ihrer Einwilligung werden dazu Cookies gesetzt.',
  statisticsToggle: 'Statistik erlauben',
  signal:
    'Ihr Browser sendet das Signal „Global Privacy Control“ oder „Do Not Track“. Wir werten es als Ablehnung der Statistik und umgehen es nicht.',
  save: 'Auswahl speichern',
  close: 'Schließen',
  browserHelp: 'Cookies im Browser verwalten',
  browserInfo: 'Cookies können Sie auch in Ihrem Browser verwalten und löschen:',
  privacyNotice: 'Datenschutzerklärung',
  imprint: 'Impressum',
  policyOf: 'Datenschutzerklärung von {operator} ({name})',
  embedInfo:
    'Hier wird ein Inhalt von {name} eingebunden. Beim Laden wird eine Verbindung zu {host} hergestellt; {operator} erhält dabei Daten wie Ihre IP-Adresse.',
  loadOnce: 'Einmal laden',
  allowAlways: 'Immer erlauben für {name}',
  newTab: '(öffnet in einem neuen Tab)',
};

export const TEXTS_EN: Texts = {
  title: 'Privacy settings',
  notice:
    'This page can embed content from social media and analyse its use with Matomo. Both happen only with your consent. You can change or withdraw your choice at any time under “Privacy settings” at the bottom of the page.',
  acceptAll: 'Accept all',
  necessaryOnly: 'Necessary only',
  settings: 'Settings',
  intro:
    'Choose which content and services you allow. Nothing is loaded from third parties without your consent.',
  necessary: 'Necessary',
  necessaryInfo:
    'Your choice is stored in your browser with a random identifier (no cookie) and sent to the city as proof, without your IP address.',
  social: 'Content from social media',
  socialInfo:
    'Embedded posts and videos are loaded from their operators, who receive data such as your IP address and may set cookies.',
  statistics: 'Statistics (Matomo)',
  statisticsInfo:
    "Matomo analyses the use of this site on the city's servers. With your consent it sets cookies for this.",
  statisticsToggle: 'Allow statistics',
  signal:
    'Your browser sends the “Global Privacy Control” or “Do Not Track” signal. We treat it as a refusal of statistics and do not circumvent it.',
  save: 'Save choice',
  close: 'Close',
  browserHelp: 'Managing cookies in your browser',
  browserInfo: 'You can also manage and delete cookies in your browser:',
  privacyNotice: 'Privacy notice',
  imprint: 'Imprint',
  policyOf: 'Privacy policy of {operator} ({name})',
  embedInfo:
    'Content from {name} is embedded here. Loading it connects to {host}; {operator} receives data such as your IP address.',
  loadOnce: 'Load once',
  allowAlways: 'Always allow {name}',
  newTab: '(opens in a new tab)',
};

/** Browser help pages of concept §5. */
export const BROWSER_HELP: readonly (readonly [string, string])[] = [
  [
    'Microsoft Edge',
    'support.microsoft.com/de-de/help/17442/windows-internet-explorer-delete-manage-cookies',
  ],
  ['Firefox', 'support.mozilla.org/de/kb/cookies-loeschen-daten-von-websites-entfernen'],
  [
    'Firefox: Schutz vor Aktivitätenverfolgung',
    'support.mozilla.org/de/kb/verbesserter-schutz-aktivitatenverfolgung-desktop',
  ],
  ['Firefox: Cookies blockieren', 'support.mozilla.org/de/kb/Cookies-blockieren'],
  [
    'Firefox für Android',
    'support.mozilla.org/de/kb/cookies-aktivieren-deaktivieren-firefox-android',
  ],
  ['Safari', 'support.apple.com/de-de/guide/safari/sfri11471/mac'],
  ['Opera', 'help.opera.com/de/latest/security-and-privacy/'],
];

/** Fills {placeholders}; unknown ones stay visible so a config typo shows. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
