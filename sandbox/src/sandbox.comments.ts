/**
 * Realistic German comments for every platform's inbox: friendly, questions, criticism, offensive
 * ones, and ones carrying personal data (phone number, e-mail address) that the inbox must
 * recognise. Deterministic (by index), so tests can ask for a kind and know what arrives.
 *
 * Phone numbers come from the Bundesnetzagentur's blocks for film and TV (030 23125 …,
 * 040 66969 …, 069 90009 …, 089 99998 …); e-mail addresses use the reserved example.* domains.
 */

export const COMMENT_KINDS = [
  'friendly',
  'question',
  'criticism',
  'offensive',
  'phone',
  'email',
] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface SandboxCommenter {
  readonly username: string;
  readonly domain: string;
  readonly displayName: string;
}

export interface GeneratedComment {
  readonly kind: CommentKind;
  readonly text: string;
  readonly author: SandboxCommenter;
}

const TEMPLATES: Readonly<Record<CommentKind, readonly string[]>> = {
  friendly: [
    'Danke für die schnelle Info!',
    'Super, dass ihr das am {tag} hier teilt. Weiter so, Grüße aus {ort}!',
    'Sehr hilfreich, gerade an die Nachbarn in {ort} weitergeleitet ({tag}).',
    'Klare Worte vom Rathaus 👍',
  ],
  question: [
    'Gilt das auch für {ort}, auch am {tag}?',
    'Ab wann genau ist die Straße in {ort} wieder frei? Ich muss am {tag} durch.',
    'Wo finde ich das Formular dazu auf der Website? Ich wohne in {ort}.',
    'Muss ich dafür am {tag} einen Termin im Bürgerbüro {ort} machen?',
  ],
  criticism: [
    'Das hättet ihr auch früher ankündigen können, in {ort} wusste am {tag} keiner Bescheid.',
    'Schon wieder eine Baustelle in {ort} seit {tag}, und niemand sagt, wie lange.',
    'Die Seite ist seit {tag} nicht erreichbar, bitte mal prüfen, Grüße aus {ort}.',
    'Die Busse nach {ort} fahren am {tag} trotzdem nicht pünktlich, das ist ärgerlich.',
  ],
  offensive: [
    'Ihr seid doch alle unfähig, ihr Sesselfurzer im Rathaus!',
    'Was für ein Haufen Vollidioten da oben, unglaublich.',
    'Halt doch einfach die Klappe, du Lappen.',
    'So ein Schwachsinn, wer hat sich den Mist ausgedacht, ihr Deppen?',
  ],
  phone: [
    'Ruft mich bitte zurück, mein Keller steht unter Wasser: 030 23125{n}',
    'Bei uns ist der Strom weg, erreichbar unter 040 66969{n}, bitte melden!',
    'Meine Mutter braucht Hilfe, Nummer: +49 69 90009{n}',
    'Können Sie mich anrufen? 089 99998{n}, ab 18 Uhr.',
  ],
  email: [
    'Bitte schickt mir die Unterlagen an erika.mustermann{n}@example.org',
    'Ich habe keine Antwort bekommen, schreibt mir an max.muster{n}@example.com',
    'Meine Adresse für Rückfragen: familie.schmidt{n}@example.net',
    'Können Sie das an hausverwaltung{n}@example.org weiterleiten?',
  ],
};

/** Stuttgart's city districts; with the weekdays they vary the texts, as real comments vary. */
const DISTRICTS: readonly string[] = [
  'Mitte',
  'Nord',
  'Ost',
  'Süd',
  'West',
  'Bad Cannstatt',
  'Birkach',
  'Botnang',
  'Degerloch',
  'Feuerbach',
  'Hedelfingen',
  'Möhringen',
  'Mühlhausen',
  'Münster',
  'Obertürkheim',
  'Plieningen',
  'Sillenbuch',
  'Stammheim',
  'Untertürkheim',
  'Vaihingen',
  'Wangen',
  'Weilimdorf',
  'Zuffenhausen',
];
const WEEKDAYS: readonly string[] = [
  'Montag',
  'Dienstag',
  'Mittwoch',
  'Donnerstag',
  'Freitag',
  'Samstag',
  'Sonntag',
];

const COMMENTERS: readonly SandboxCommenter[] = [
  { username: 'erika_m', domain: 'social.example', displayName: 'Erika Mustermann' },
  { username: 'kessler', domain: 'neckar.example', displayName: 'Jonas Keßler' },
  { username: 'aylin', domain: 'social.example', displayName: 'Aylin Demir' },
  { username: 'bernd1958', domain: 'mastodon.example', displayName: 'Bernd' },
  { username: 'weinsteige', domain: 'neckar.example', displayName: 'Familie Weber' },
  { username: 'stuttgarter_radler', domain: 'social.example', displayName: 'Radler aus S-West' },
];

/** The `index`-th comment among the given kinds (cycling through kinds, templates and authors). */
export function germanComment(
  index: number,
  kinds: readonly CommentKind[] = COMMENT_KINDS,
): GeneratedComment {
  const pool = kinds.length === 0 ? COMMENT_KINDS : kinds;
  const kind = pool[index % pool.length] ?? 'friendly';
  const templates = TEMPLATES[kind];
  const template = templates[Math.floor(index / pool.length) % templates.length] ?? '';
  const author = COMMENTERS[index % COMMENTERS.length] ?? COMMENTERS[0];
  if (author === undefined) {
    throw new Error('no commenters configured');
  }
  const number = String(index % 1000).padStart(3, '0');
  // Slots change once per full round of kinds and templates, so a text recurs only after
  // thousands of comments (the inbox flags the same long text within a day as a wave).
  const round = Math.floor(index / (pool.length * templates.length));
  const district = DISTRICTS[round % DISTRICTS.length] ?? 'Mitte';
  const weekday = WEEKDAYS[Math.floor(round / DISTRICTS.length) % WEEKDAYS.length] ?? 'Montag';
  const text = template.replace('{n}', number).replace('{ort}', district).replace('{tag}', weekday);
  return { kind, text, author };
}
