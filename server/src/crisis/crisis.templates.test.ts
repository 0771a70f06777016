import { describe, expect, it } from 'vitest';

import { countMastodonLength } from '../platforms/mastodon/mastodon.limits.ts';
import { FACEBOOK_LIMITS } from '../platforms/meta/meta.limits.ts';
import { xWeightedLength } from '../platforms/x/x.limits.ts';
import type { CapWarning, ParseResult } from './cap.model.ts';
import { parseCapXml } from './cap.parse.ts';
import { fixture } from './crisis.fixtures.ts';
import {
  availableLanguages,
  classifyWarning,
  CRISIS_TEMPLATE_KEYS,
  plainText,
  renderCrisisText,
  sourceAttribution,
  splitSentences,
  TEMPLATE_DEFINITIONS,
} from './crisis.templates.ts';
import { parseBbkCapJson, parseMowasFeed } from './mowas.parse.ts';

function ok(result: ParseResult<CapWarning>): CapWarning {
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value;
}

const DWD_DESCRIPTION_DE =
  'Von Südwesten ziehen kräftige Schauer und Gewitter auf. Dabei tritt heftiger Starkregen mit Niederschlagsmengen zwischen 25 l/m² und 40 l/m² pro Stunde auf, örtlich z. B. im Neckartal bis 50 l/m². Außerdem gibt es Hagel um 2 cm. Am 23. Juni ist ab dem Abend mit einer Abschwächung zu rechnen.';
const DWD_INSTRUCTION_DE =
  'ACHTUNG! Hinweis auf mögliche Gefahren: Örtlich können Unterführungen und Keller überflutet werden. Meiden Sie tiefer gelegene Straßenabschnitte.';

/** A DWD-profile Starkregen warning with German, English and French blocks (MUL product). */
function dwdStarkregen(
  ii = '62',
  headline = 'Amtliche UNWETTERWARNUNG vor HEFTIGEM STARKREGEN',
): CapWarning {
  const info = (lang: string, event: string, head: string, desc: string, instr: string) => `
  <info>
    <language>${lang}</language><category>Met</category><event>${event}</event>
    <responseType>Prepare</responseType><urgency>Immediate</urgency><severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>II</valueName><value>${ii}</value></eventCode>
    <eventCode><valueName>GROUP</valueName><value>RAIN</value></eventCode>
    <expires>2026-06-23T22:00:00+02:00</expires>
    <senderName>Deutscher Wetterdienst</senderName>
    <headline>${head}</headline><description>${desc}</description><instruction>${instr}</instruction>
    <web>https://www.wettergefahren.de</web>
    <area><areaDesc>Stadt Stuttgart</areaDesc>
      <geocode><valueName>WARNCELLID</valueName><value>808111000</value></geocode></area>
  </info>`;
  return ok(
    parseCapXml(`<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>2.49.0.0.276.0.DWD.PVW.1782210000000.0f1e2d3c-4b5a-4968-8776-655443322110.MUL</identifier>
  <sender>opendata@dwd.de</sender><sent>2026-06-23T17:00:00+02:00</sent>
  <status>Actual</status><msgType>Alert</msgType><source>PVW</source><scope>Public</scope>
  ${info('de-DE', 'STARKREGEN', headline, DWD_DESCRIPTION_DE, DWD_INSTRUCTION_DE)}
  ${info('en', 'heavy rain', 'Official SEVERE WEATHER WARNING of HEAVY RAIN', 'Heavy rain of 25 to 40 l/m² per hour occurs. Hail of about 2 cm is possible.', 'Avoid low-lying roads.')}
  ${info('fr', 'fortes pluies', 'AVERTISSEMENT OFFICIEL de FORTES PLUIES', 'De fortes pluies se produisent.', 'Évitez les routes basses.')}
</alert>`),
  );
}

/** A MoWaS-shaped Gefahrstoff warning with BBK's HTML line breaks and entities. */
function mowasGefahrstoff(overrides: Record<string, unknown> = {}): CapWarning {
  return ok(
    parseBbkCapJson({
      identifier: 'DE-BW-S-SE018-20260702-18-000',
      sender: 'DE-BW-S-SE018',
      sent: '2026-07-02T11:04:00+02:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      code: ['1.0'],
      info: [
        {
          language: 'DE',
          category: ['CBRNE'],
          event: 'Gefahreninformation',
          urgency: 'Immediate',
          severity: 'Severe',
          certainty: 'Observed',
          eventCode: [{ valueName: 'profile:DE-BBK-EVENTCODE:01.00R', value: 'BBK-EVC-038' }],
          headline: 'Gefahrstoffaustritt in Stuttgart-Feuerbach',
          description:
            'In einem Betrieb in der Siemensstraße ist Ammoniak ausgetreten.<br/>Die Feuerwehr ist mit starken Kräften vor Ort &amp; misst die Luftwerte.',
          instruction:
            'Halten Sie Fenster und Türen geschlossen.<br/>Schalten Sie Lüftungs- und Klimaanlagen ab.',
          parameter: [{ valueName: 'sender_langname', value: 'Integrierte Leitstelle Stuttgart' }],
          area: [
            {
              areaDesc: 'Stadt Stuttgart',
              geocode: [{ valueName: 'Stuttgart', value: '081110000000' }],
            },
          ],
          ...overrides,
        },
      ],
    }),
  );
}

function mowasFeed(): CapWarning[] {
  const result = parseMowasFeed(fixture('mowas-feed-stuttgart.json'));
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value.map(ok);
}

const details = 'https://www.stuttgart.de/warnungen#warnung-inc-42';

describe('crisis templates', () => {
  it('declares every template with a label, hashtags and the fast-path default', () => {
    expect(CRISIS_TEMPLATE_KEYS).toEqual([
      'unwetter',
      'hochwasser',
      'schadstoffe',
      'grossbrand',
      'evakuierung',
      'terrorlage',
      'stromausfall',
      'trinkwasser',
      'entwarnung',
      'allgemein',
    ]);
    const notPreApproved = CRISIS_TEMPLATE_KEYS.filter((k) => !TEMPLATE_DEFINITIONS[k].preApproved);
    expect(notPreApproved).toEqual(['terrorlage', 'allgemein']);
    for (const key of CRISIS_TEMPLATE_KEYS) {
      expect(TEMPLATE_DEFINITIONS[key].hashtags).toContain('Stuttgart');
      expect(TEMPLATE_DEFINITIONS[key].intro.alert.de).not.toBe('');
    }
  });
});

describe('classifyWarning', () => {
  it('classifies DWD warnings by event number', () => {
    expect(classifyWarning(dwdStarkregen('62'))).toBe('unwetter');
    expect(classifyWarning(ok(parseCapXml(fixture('dwd-gewitter-update-MUL.xml'))))).toBe(
      'unwetter',
    );
    // Fog (59) is no Unwetter.
    expect(classifyWarning(dwdStarkregen('59', 'Amtliche WARNUNG vor NEBEL'))).toBe('allgemein');
    expect(classifyWarning(dwdStarkregen('247', 'Amtliche WARNUNG vor HITZE'))).toBe('allgemein');
    expect(classifyWarning(dwdStarkregen('85', 'Amtliche WARNUNG vor GLATTEIS'))).toBe('unwetter');
  });

  it('prefers headline keywords over the BBK event code, and falls back to the code', () => {
    expect(classifyWarning(mowasGefahrstoff())).toBe('schadstoffe');
    expect(classifyWarning(mowasFeed()[0] as CapWarning)).toBe('grossbrand');
    const neutral = mowasGefahrstoff({ headline: 'Wichtige Information', description: 'Text.' });
    expect(classifyWarning(neutral)).toBe('hochwasser');
  });

  it.each([
    ['Fliegerbombe in Bad Cannstatt gefunden – Evakuierung', 'evakuierung'],
    ['Amoklage am Schlossplatz', 'terrorlage'],
    ['Großflächiger Stromausfall in Stuttgart-Süd', 'stromausfall'],
    ['Trinkwasser in Degerloch bitte abkochen', 'trinkwasser'],
    ['Hochwasser am Neckar', 'hochwasser'],
    ['Veranstaltungshinweis', 'allgemein'],
  ])('classifies the headline „%s“ as %s', (headline, expected) => {
    const warning = mowasGefahrstoff({
      headline,
      description: 'Die Feuerwehr informiert.',
      eventCode: [],
    });
    expect(classifyWarning(warning)).toBe(expected);
  });

  it('recognises all-clears by Cancel, AllClear and the headline', () => {
    expect(classifyWarning(mowasFeed()[2] as CapWarning)).toBe('entwarnung');
    const aufhebung = dwdStarkregen('62', 'AUFHEBUNG der UNWETTERWARNUNG vor HEFTIGEM STARKREGEN');
    expect(classifyWarning(aufhebung)).toBe('entwarnung');
  });
});

describe('official text handling', () => {
  it('strips issuer HTML to line breaks and decodes entities afterwards', () => {
    expect(plainText('A &amp; B.<br/>C &lt;b&gt; D.<br >E&#x1F327;&#65;')).toBe(
      'A & B.\nC <b> D.\nE🌧A',
    );
  });

  it('splits German sentences without cutting at abbreviations or ordinals', () => {
    expect(splitSentences(DWD_DESCRIPTION_DE)).toEqual([
      [
        'Von Südwesten ziehen kräftige Schauer und Gewitter auf.',
        'Dabei tritt heftiger Starkregen mit Niederschlagsmengen zwischen 25 l/m² und 40 l/m² pro Stunde auf, örtlich z. B. im Neckartal bis 50 l/m².',
        'Außerdem gibt es Hagel um 2 cm.',
        'Am 23. Juni ist ab dem Abend mit einer Abschwächung zu rechnen.',
      ],
    ]);
    expect(splitSentences('Eins! Zwei?<br/>Drei.')).toEqual([['Eins!', 'Zwei?'], ['Drei.']]);
  });

  it('lists the issuer languages once each', () => {
    expect(availableLanguages(dwdStarkregen())).toEqual(['de', 'en', 'fr']);
    expect(availableLanguages(mowasGefahrstoff())).toEqual(['de']);
  });

  it('attributes the source as each issuer requires', () => {
    expect(sourceAttribution(dwdStarkregen())).toEqual({
      name: 'Deutscher Wetterdienst',
      url: 'https://www.wettergefahren.de',
    });
    expect(sourceAttribution(mowasGefahrstoff())).toEqual({
      name: 'Integrierte Leitstelle Stuttgart',
      url: 'https://warnung.bund.de/meldung/mow.DE-BW-S-SE018-20260702-18-000',
    });
    const generic = ok(parseCapXml(fixture('generic-fire-alert.xml')));
    expect(sourceAttribution(generic).url).toBe(generic.infos[0]?.web);
  });
});

describe('renderCrisisText', () => {
  const allSentences = [
    ...splitSentences(DWD_DESCRIPTION_DE),
    ...splitSentences(DWD_INSTRUCTION_DE),
  ].flat();

  it('keeps X within 280 weighted characters with whole sentences only', () => {
    const { x } = renderCrisisText({
      warning: dwdStarkregen(),
      kind: 'alert',
      template: 'unwetter',
      links: { details },
      platforms: ['x'],
    });
    expect(x?.fits).toBe(true);
    expect(xWeightedLength(x?.text ?? '')).toBeLessThanOrEqual(280);
    expect(
      x?.text.startsWith('⚠️ Unwetterwarnung:\nAmtliche UNWETTERWARNUNG vor HEFTIGEM STARKREGEN\n'),
    ).toBe(true);
    expect(x?.text).toContain('Quelle: Deutscher Wetterdienst – https://www.wettergefahren.de');
    expect(x?.text).toContain(`Alle Informationen: ${details}`);
    // Every official sentence is either in the text verbatim or named as left to the link.
    for (const sentence of allSentences) {
      const inText = x?.text.includes(sentence) ?? false;
      const noted = x?.omitted.some((note) => note.includes(`„${sentence}“`)) ?? false;
      expect(inText !== noted, sentence).toBe(true);
    }
    expect(x?.omitted.length).toBeGreaterThan(0);
    expect(x?.machineTranslated).toBe(false);
  });

  it('uses the instance budget for Mastodon and the connector limit for Facebook', () => {
    const input = {
      warning: dwdStarkregen(),
      kind: 'alert' as const,
      template: 'unwetter' as const,
      links: { details },
      platforms: ['mastodon', 'facebook'] as const,
    };
    const small = renderCrisisText(input).mastodon;
    const large = renderCrisisText({ ...input, budgets: { mastodon: 5000 } });
    expect(countMastodonLength(small?.text ?? '', 23)).toBeLessThanOrEqual(500);
    expect(small?.omitted.length).toBeGreaterThan(0);
    expect(large.mastodon?.omitted).toEqual([]);
    expect(large.mastodon?.text.endsWith('#Stuttgart #Unwetter')).toBe(true);
    expect(large.facebook?.text).toBe(large.mastodon?.text);
    expect(FACEBOOK_LIMITS.countLength(large.facebook?.text ?? '')).toBeLessThan(
      FACEBOOK_LIMITS.maxTextLength,
    );
  });

  it.each([200, 260, 320, 400, 480])(
    'never cuts an official sentence at a Mastodon budget of %i',
    (budget) => {
      const { mastodon } = renderCrisisText({
        warning: dwdStarkregen(),
        kind: 'alert',
        template: 'unwetter',
        links: { details },
        platforms: ['mastodon'],
        budgets: { mastodon: budget },
        hashtags: ['#Stuttgart', 'Starkregen'],
      });
      const text = mastodon?.text ?? '';
      expect(mastodon?.fits).toBe(true);
      expect(countMastodonLength(text, 23)).toBeLessThanOrEqual(budget);
      for (const sentence of allSentences) {
        const noted = mastodon?.omitted.some((note) => note.includes(`„${sentence}“`)) ?? false;
        expect(text.includes(sentence) !== noted, sentence).toBe(true);
      }
      // The official part is exactly the kept sentences: nothing else sits between headline and source.
      const blocks = text.split('\n\n');
      const sourceAt = blocks.findIndex((block) => block.startsWith('Quelle: '));
      const official = blocks.slice(1, sourceAt).join(' ').replace(/\n/g, ' ');
      const kept = allSentences.filter((sentence) => text.includes(sentence));
      expect(official).toBe(kept.join(' '));
    },
  );

  it('reports fits:false instead of cutting a headline that cannot fit', () => {
    const { x } = renderCrisisText({
      warning: dwdStarkregen(
        '62',
        `Amtliche UNWETTERWARNUNG ${'vor sehr HEFTIGEM STARKREGEN '.repeat(9)}`,
      ),
      kind: 'alert',
      template: 'unwetter',
      links: { details },
      platforms: ['x'],
    });
    expect(x?.fits).toBe(false);
    expect(x?.text).toContain('vor sehr HEFTIGEM STARKREGEN '.repeat(8).trim());
    expect(x?.text).toContain('Quelle: Deutscher Wetterdienst');
  });

  it('renders the English block verbatim with an English intro, and no intro for other languages', () => {
    const rendered = renderCrisisText({
      warning: dwdStarkregen(),
      kind: 'update',
      language: 'en',
      template: 'unwetter',
      links: { details },
      platforms: ['mastodon'],
    }).mastodon;
    expect(rendered?.language).toBe('en');
    expect(rendered?.text).toContain(
      '🔄 Updated severe weather warning:\nOfficial SEVERE WEATHER WARNING of HEAVY RAIN',
    );
    expect(rendered?.text).toContain('Heavy rain of 25 to 40 l/m² per hour occurs.');
    expect(rendered?.text).toContain('Source: Deutscher Wetterdienst');
    const french = renderCrisisText({
      warning: dwdStarkregen(),
      kind: 'alert',
      language: 'fr',
      template: 'unwetter',
      links: { details },
      platforms: ['mastodon'],
    }).mastodon;
    expect(french?.intro).toBeUndefined();
    expect(french?.text.startsWith('AVERTISSEMENT OFFICIEL de FORTES PLUIES\n')).toBe(true);
    expect(french?.language).toBe('fr');
  });

  it('falls back to the German block when the language is not offered', () => {
    const rendered = renderCrisisText({
      warning: mowasGefahrstoff(),
      kind: 'alert',
      language: 'tr',
      template: 'schadstoffe',
      links: { details },
      platforms: ['x'],
    }).x;
    expect(rendered?.language).toBe('de');
    expect(rendered?.text).toContain('Gefahrstoffaustritt in Stuttgart-Feuerbach');
  });

  it('renders BBK text without HTML and with the warnung.bund.de link', () => {
    const { mastodon } = renderCrisisText({
      warning: mowasGefahrstoff(),
      kind: 'alert',
      template: 'schadstoffe',
      links: { details },
      platforms: ['mastodon'],
    });
    expect(mastodon?.text).not.toContain('<br');
    expect(mastodon?.text).toContain(
      'In einem Betrieb in der Siemensstraße ist Ammoniak ausgetreten.\nDie Feuerwehr ist mit starken Kräften vor Ort & misst die Luftwerte.',
    );
    expect(mastodon?.text).toContain(
      'Quelle: Integrierte Leitstelle Stuttgart – https://warnung.bund.de/meldung/mow.DE-BW-S-SE018-20260702-18-000',
    );
  });

  it('renders an all-clear as our intro plus the cancel wording verbatim', () => {
    const cancel = mowasFeed()[2] as CapWarning;
    const { x } = renderCrisisText({
      warning: cancel,
      kind: 'allclear',
      template: classifyWarning(cancel),
      links: { details },
      platforms: ['x'],
    });
    const headline = plainText(cancel.infos[0]?.headline ?? '');
    expect(headline.startsWith('Entwarnung')).toBe(true);
    expect(x?.text.startsWith(`✅ Entwarnung:\n${headline}`)).toBe(true);
    expect(x?.intro).toBe('✅ Entwarnung:');
  });
});
