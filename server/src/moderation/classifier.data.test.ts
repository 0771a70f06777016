import { describe, expect, it } from 'vitest';

import {
  detectFormat,
  parseCorpus,
  parseCsvRecords,
  parseGahd,
  parseGermEval,
} from './classifier.data.ts';

describe('GermEval 2018 reader', () => {
  it('reads labels, turns |LBR| into line breaks and skips malformed lines', () => {
    const content = [
      '@stadt Danke für die schnelle Antwort!\tOTHER\tOTHER',
      '@troll Du bist ein Vollidiot.|LBR|Echt jetzt.\tOFFENSE\tINSULT',
      'keine Spalten hier',
      'Falsches Label\tMAYBE\tOTHER',
      '\tOTHER\tOTHER',
      '',
      'Windows-Zeile\tOTHER\tOTHER\r',
    ].join('\n');
    const result = parseGermEval(content);
    expect(result.items.map((i) => i.label)).toEqual(['OTHER', 'OFFENSE', 'OTHER']);
    expect(result.items[1]?.text).toBe('@troll Du bist ein Vollidiot.\nEcht jetzt.');
    expect(result.items[2]?.text).toBe('Windows-Zeile');
    expect(result.items.every((i) => i.source === 'germeval')).toBe(true);
    expect(result.skipped).toBe(3);
  });
});

describe('GAHD CSV reader', () => {
  const header = 'gahd_id,text,label,round,split,contrastive_gahd_id';

  it('keeps quoted commas, doubled quotes and newlines inside fields', () => {
    expect(parseCsvRecords('a,"b, ""c""\nd",e\r\nf,g,h')).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['f', 'g', 'h'],
    ]);
  });

  it('maps label 1 to OFFENSE and skips malformed rows with a count', () => {
    const content = [
      header,
      'a1,"Alle aus diesem Land sind\nfaul und dumm",1,R1,train,',
      'a2,"Ich mag Brezeln, wirklich.",0,R2,dev,a1',
      'a3,Zu wenig Spalten,1',
      'a4,Unbekanntes Label,7,R1,train,',
      'a5,"Er sagte ""Hallo"" zu allen",0,R3,train,',
      '',
    ].join('\n');
    const result = parseGahd(content);
    expect(result.items).toEqual([
      { text: 'Alle aus diesem Land sind\nfaul und dumm', label: 'OFFENSE', source: 'gahd' },
      { text: 'Ich mag Brezeln, wirklich.', label: 'OTHER', source: 'gahd' },
      { text: 'Er sagte "Hallo" zu allen', label: 'OTHER', source: 'gahd' },
    ]);
    expect(result.skipped).toBe(2);
  });

  it('does not crash on an unterminated quote or a missing header', () => {
    expect(parseGahd(`${header}\nb1,"offen bis zum Ende,1,R1,train,`).items).toEqual([]);
    expect(parseGahd('x,y\n1,2').items).toEqual([]);
  });

  it('detects the format from the header', () => {
    expect(detectFormat(`${header}\n`)).toBe('gahd');
    expect(detectFormat('Text\tOTHER\tOTHER\n')).toBe('germeval');
    expect(parseCorpus(`\uFEFF${header}\nc1,Hallo,0,R1,train,\n`).items).toHaveLength(1);
  });
});
