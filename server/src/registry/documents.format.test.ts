import { describe, expect, it } from 'vitest';

import {
  allowsObjection,
  allowsPortability,
  berlinIsoDate,
  formatBerlinDate,
  formatLegalBasis,
  transferSafeguard,
} from './documents.format.ts';
import { autolink, html, link } from './documents.html.ts';
import { csvCell } from './ropa.csv.ts';

describe('document wording', () => {
  it('renders a legal basis with its national norm', () => {
    expect(formatLegalBasis({ gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' })).toBe(
      'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW',
    );
    expect(formatLegalBasis({ gdpr: 'Art. 6 Abs. 1 lit. b', national: null })).toBe(
      'Art. 6 Abs. 1 lit. b DSGVO',
    );
  });

  it('grants objection only for lit. e/f and portability only for lit. a/b', () => {
    const basis = (gdpr: string) => ({ gdpr, national: null });
    expect(allowsObjection(basis('Art. 6 Abs. 1 lit. e DSGVO'))).toBe(true);
    expect(allowsObjection(basis('Art. 6 Abs. 1 lit. f DSGVO'))).toBe(true);
    expect(allowsObjection(basis('Art. 6 Abs. 1 lit. e oder lit. c DSGVO'))).toBe(true);
    expect(allowsObjection(basis('Art. 6 Abs. 1 lit. b DSGVO'))).toBe(false);
    expect(allowsPortability(basis('Art. 6 Abs. 1 lit. a DSGVO'))).toBe(true);
    expect(allowsPortability(basis('Art. 6 Abs. 1 lit. e DSGVO'))).toBe(false);
  });

  it('names each transfer safeguard', () => {
    const t = { country: 'US', dpfCheckedOn: '2025-07-01', sccModule: '2' as const, notes: null };
    expect(transferSafeguard({ ...t, basis: 'eu-us-dpf' })).toContain(
      '(Durchführungsbeschluss (EU) 2023/1795); Zertifizierung der Empfängerin geprüft am 01.07.2025',
    );
    expect(transferSafeguard({ ...t, basis: 'scc-2021-914' })).toContain(
      'Durchführungsbeschluss (EU) 2021/914, Modul 2',
    );
    expect(transferSafeguard({ ...t, basis: 'adequacy' })).toContain('Angemessenheitsbeschluss');
    expect(transferSafeguard({ ...t, basis: 'bcr' })).toContain('Binding Corporate Rules');
    expect(transferSafeguard({ ...t, basis: 'art49-derogation' })).toContain('Art. 49 DSGVO');
  });

  it('dates an instant by the calendar in Stuttgart', () => {
    expect(formatBerlinDate('2026-11-25T23:30:00Z')).toBe('26.11.2026');
    expect(berlinIsoDate('2026-06-30T22:30:00Z')).toBe('2026-07-01');
  });

  it('escapes every interpolation, links only web addresses', () => {
    const evil = '"><script>alert(1)</script>';
    expect(html`<p title="${evil}">${[evil, 1]}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;1</p>',
    );
    expect(link('javascript:alert(1)', 'x').value).toBe('x');
    expect(autolink('Formular: https://example.org/a?b=1&c=2.').value).toBe(
      'Formular: <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>.',
    );
  });

  it('quotes CSV cells per RFC 4180 and defuses formulas', () => {
    expect(csvCell('schlicht')).toBe('schlicht');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('sagt "ja"')).toBe('"sagt ""ja"""');
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
