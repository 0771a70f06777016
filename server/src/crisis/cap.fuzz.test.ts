import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import { STUTTGART_AREA } from './area.filter.ts';
import { concernsCity } from './area.filter.ts';
import { checkCapText } from './cap.check.ts';
import type { ParseResult } from './cap.model.ts';
import { parseReferences } from './cap.model.ts';
import { parseCapXml } from './cap.parse.ts';
import { parseBbkCapJson, parseMowasFeed } from './mowas.parse.ts';
import { parseNinaDashboard, parseNinaWarningDetails } from './nina.parse.ts';

// Property-based: every parser returns a result or a typed refusal for any input, never throws.
const RUNS = { numRuns: 500 };
const CODES = [
  'empty',
  'too-large',
  'malformed-syntax',
  'not-cap',
  'missing-field',
  'invalid-value',
];

function assertResult<T>(result: ParseResult<T>, check?: (value: T) => void): void {
  if (result.ok) {
    check?.(result.value);
  } else {
    expect(CODES).toContain(result.refusal.code);
    expect(result.refusal.reason.length).toBeGreaterThan(0);
  }
}

/** Random edits of a real-shaped fixture: cut, insert, duplicate. */
function mutated(source: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.tuple(fc.constant('cut' as const), fc.nat(source.length), fc.nat(200), fc.constant('')),
    fc.tuple(
      fc.constant('insert' as const),
      fc.nat(source.length),
      fc.constant(0),
      fc.string({ maxLength: 20 }),
    ),
    fc.tuple(
      fc.constant('insert' as const),
      fc.nat(source.length),
      fc.constant(0),
      fc.constantFrom(
        '<',
        '>',
        '</info>',
        '<area>',
        '"',
        ',',
        '{',
        ']',
        '&amp;',
        '&bogus;',
        'NaN',
        '\u0000',
      ),
    ),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) =>
    edits.reduce((text, [kind, at, length, insert]) => {
      const pos = Math.min(at, text.length);
      return kind === 'cut'
        ? text.slice(0, pos) + text.slice(pos + length)
        : text.slice(0, pos) + insert + text.slice(pos);
    }, source),
  );
}

const CAP_TAGS = [
  'identifier',
  'sender',
  'sent',
  'status',
  'msgType',
  'scope',
  'references',
  'info',
  'language',
  'event',
  'severity',
  'urgency',
  'certainty',
  'expires',
  'area',
  'areaDesc',
  'polygon',
  'circle',
  'geocode',
  'valueName',
  'value',
];

/** Random XML built from CAP element names, so the normaliser sees odd but well-formed trees. */
const capishXml: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 30 }).map((t) => t.replace(/[<&]/g, '')),
      fc
        .tuple(fc.constantFrom(...CAP_TAGS), fc.array(tie('node'), { maxLength: 4 }))
        .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
    ),
  }))
  .node.map((body) => `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${body}</alert>`);

describe('fuzz: parsers never throw', () => {
  it('parseCapXml on random strings, CAP-shaped trees and mutated fixtures', () => {
    const xmlInputs = fc.oneof(
      fc.string({ maxLength: 300 }),
      capishXml,
      mutated(fixture('generic-fire-alert.xml')),
      mutated(fixture('dwd-gewitter-update-MUL.xml')),
    );
    fc.assert(
      fc.property(xmlInputs, (xml) => {
        assertResult(parseCapXml(xml), (warning) => {
          expect(typeof warning.identifier).toBe('string');
          concernsCity(warning, STUTTGART_AREA);
        });
      }),
      RUNS,
    );
  });

  it('parseMowasFeed on random strings, JSON values and mutated fixtures', () => {
    const inputs = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      mutated(fixture('mowas-feed-stuttgart.json')),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        assertResult(parseMowasFeed(text), (items) => {
          for (const item of items) {
            assertResult(item, (warning) => concernsCity(warning, STUTTGART_AREA));
          }
        });
      }),
      RUNS,
    );
  });

  it('parseBbkCapJson and parseNinaWarningDetails on fixture objects with random values', () => {
    const base = JSON.parse(fixture('nina-details-mowas.json')) as Record<string, unknown>;
    const info = (base.info as Record<string, unknown>[])[0] ?? {};
    const keys = [...Object.keys(base), ...Object.keys(info).map((k) => `info.${k}`)];
    const corrupted = fc
      .dictionary(fc.constantFrom(...keys), fc.anything(), { maxKeys: 6 })
      .map((changes) => {
        const copy = structuredClone(base);
        const copyInfo = { ...info };
        for (const [key, value] of Object.entries(changes)) {
          if (key.startsWith('info.')) {
            copyInfo[key.slice(5)] = value;
          } else {
            copy[key] = value;
          }
        }
        copy.info = [copyInfo];
        return copy;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          corrupted,
          fc.anything().filter((v) => typeof v === 'object' && v !== null),
        ),
        (value) => {
          assertResult(parseBbkCapJson(value), (w) => concernsCity(w, STUTTGART_AREA));
          assertResult(parseNinaWarningDetails(value), (w) => concernsCity(w, STUTTGART_AREA));
        },
      ),
      RUNS,
    );
  });

  it('parseNinaDashboard on random JSON and mutated fixtures', () => {
    const inputs = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      mutated(fixture('nina-dashboard-stuttgart.json')),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        assertResult(parseNinaDashboard(text));
      }),
      RUNS,
    );
  });

  it('parseReferences and checkCapText on anything', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseReferences(text);
        expect(parsed.references.length + parsed.malformed.length).toBeGreaterThanOrEqual(0);
        const line = checkCapText('fuzz', text, STUTTGART_AREA);
        expect(typeof line.ok).toBe('boolean');
      }),
      RUNS,
    );
  });
});
