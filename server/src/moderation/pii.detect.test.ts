import { describe, expect, it } from 'vitest';

import { detectPersonalData, personalDataKinds } from './pii.detect.ts';

/** What was found, with the matched slice: test-only, the detector itself never returns values. */
const found = (text: string) =>
  detectPersonalData(text).map((hit) => [hit.kind, text.slice(hit.start, hit.end)]);

describe('detectPersonalData', () => {
  it('finds German phone numbers in their common notations', () => {
    expect(found('Rufen Sie mich an: 0711 216-12345')).toEqual([['phone', '0711 216-12345']]);
    expect(found('Meine Nummer: +49 (0)711 2160 0')).toEqual([['phone', '+49 (0)711 2160 0']]);
    expect(found('Handy 0176/12345678, ab 18 Uhr')).toEqual([['phone', '0176/12345678']]);
    expect(found('Gerne unter 0049 711 12345678 melden')).toEqual([['phone', '0049 711 12345678']]);
    expect(found('(0711) 123 45 67')).toEqual([['phone', '(0711) 123 45 67']]);
    expect(found('Tel.: 216 12345')).toEqual([['phone', '216 12345']]);
  });

  it('finds e-mail addresses, also obfuscated', () => {
    expect(found('Schreiben Sie an erika.mustermann@example.de!')).toEqual([
      ['email', 'erika.mustermann@example.de'],
    ]);
    expect(found('erika (at) beispiel (punkt) de')).toEqual([
      ['email', 'erika (at) beispiel (punkt) de'],
    ]);
    expect(found('Kontakt: erika [at] web [dot] de')).toEqual([
      ['email', 'erika [at] web [dot] de'],
    ]);
  });

  it('finds IBANs only with a valid checksum', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00 bitte überweisen')).toEqual([
      ['iban', 'DE89 3704 0044 0532 0130 00'],
    ]);
    expect(found('DE89370400440532013000')).toEqual([['iban', 'DE89370400440532013000']]);
    expect(found('DE89 3704 0044 0532 0130 01')).toEqual([]);
  });

  it('finds postal addresses, with PLZ and city when given', () => {
    expect(found('Ich wohne in der Königstraße 12, 70173 Stuttgart.')).toEqual([
      ['address', 'Königstraße 12, 70173 Stuttgart'],
    ]);
    expect(found('Tübinger Straße 5a')).toEqual([['address', 'Tübinger Straße 5a']]);
    expect(found('Theodor-Heuss-Straße 3 ist mein Büro')).toEqual([
      ['address', 'Theodor-Heuss-Straße 3'],
    ]);
    expect(found('Dorfstraße 5')).toEqual([['address', 'Dorfstraße 5']]);
    expect(found('Neue Straße 5')).toEqual([['address', 'Neue Straße 5']]);
    expect(found('Bei uns im Lerchenweg 7 ist der Müll nicht abgeholt')).toEqual([
      ['address', 'Lerchenweg 7'],
    ]);
  });

  it('finds dates of birth only near a birth cue', () => {
    expect(found('Mein Sohn, geboren am 12.03.2015, braucht einen Kitaplatz')).toEqual([
      ['birthdate', '12.03.2015'],
    ]);
    expect(found('Geburtsdatum: 1. März 1990')).toEqual([['birthdate', '1. März 1990']]);
    expect(found('Erika M. *04.07.1970')).toEqual([['birthdate', '04.07.1970']]);
    expect(found('Die Veranstaltung am 12.03.2025 fällt aus')).toEqual([]);
    expect(found('Die Bibliothek feiert am 12.03.2026 ihren 10. Geburtstag')).toEqual([]);
  });

  it('finds licence plates', () => {
    expect(found('Der Wagen S-AB 1234 parkt jeden Tag auf dem Radweg')).toEqual([
      ['licence-plate', 'S-AB 1234'],
    ]);
    expect(found('S AB 1234 steht wieder da')).toEqual([['licence-plate', 'S AB 1234']]);
    expect(found('Elektroauto BB-X 12E')).toEqual([['licence-plate', 'BB-X 12E']]);
  });

  it('ignores near misses', () => {
    const harmless = [
      'Aktenzeichen 0711-2024-123, bitte prüfen',
      'Az. 32.10-0815/2023',
      'Seit 2024 warte ich, schon seit 1999 eigentlich',
      'Kostet 1.299,00 € oder 0,99 € im Angebot',
      'Treffpunkt um 14.30 Uhr am 01.02.2024',
      'PLZ 70173 und 01067 Dresden',
      'Die S-Bahn S1 und Stuttgart 21, die U-Bahn U14',
      'Stau auf der B 14 und der A 81',
      'Die Bundesstraße 14 ist gesperrt',
      'Auf der Königstraße 20 Minuten gewartet',
      'Der Schlossplatz ist schön, Gleis 3 auch',
      'Der Parkplatz 3 ist voll',
      'ICH BIN AM 12 UHR DA UND WARTE SEIT STUNDEN',
      'Kundennummer 0711 2345 678',
      'Mein Handy ist kaputt',
      'Tempo 30 auf 500 Metern',
      'Schreiben Sie an @stadt_stuttgart',
      'Vorgang 0815/2023 ist noch offen',
      'Der Kinderspielplatz 3 im Park ist gesperrt',
      'Nimm die Linie U 1 oder den Bus 42',
      'Wir sind AB 12 Uhr da',
      'Ticket AB12 3456 7890 1234 gültig',
      'Schreiben Sie an info@stuttgart.de oder poststelle (at) stuttgart (punkt) de',
      'Die Hotline 0800 123 4567 ist kostenlos, auch unter +49 800 1234567',
      'Wir treffen uns at home',
      'Geb. 3, Raum 12',
      'Tel. 0800 1234567 (kostenlos)',
      'In der Königstraße 20 % Rabatt',
    ];
    for (const text of harmless) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('resolves overlaps in favour of the stronger kind and sorts by position', () => {
    const text = 'IBAN DE89 3704 0044 0532 0130 00, Tel. 0711 123456, Mail a@b.de';
    expect(detectPersonalData(text).map((hit) => hit.kind)).toEqual(['iban', 'phone', 'email']);
  });

  it('returns offsets only, never the value', () => {
    const [hit] = detectPersonalData('0711 216-12345');
    expect(Object.keys(hit ?? {}).sort()).toEqual(['end', 'kind', 'start']);
  });

  it('lists each kind once in a fixed order', () => {
    const hits = detectPersonalData('a@b.de, c@d.de, 0711 123456');
    expect(personalDataKinds(hits)).toEqual(['phone', 'email']);
  });
});
