import { describe, expect, it } from 'vitest';

import { isCapDateTime, parseReferences } from './cap.model.ts';

describe('parseReferences', () => {
  it('reads whitespace-separated triples', () => {
    const parsed = parseReferences(
      'a@x,ID-1,2026-01-01T10:00:00+01:00\n  a@x,ID-2,2026-01-01T11:00:00+01:00',
    );
    expect(parsed.malformed).toEqual([]);
    expect(parsed.references.map((r) => r.identifier)).toEqual(['ID-1', 'ID-2']);
  });

  it('is empty for missing or blank references', () => {
    expect(parseReferences(undefined)).toEqual({ references: [], malformed: [] });
    expect(parseReferences('   ')).toEqual({ references: [], malformed: [] });
  });

  it('keeps sender and identifier when only the timestamp is broken', () => {
    const parsed = parseReferences(
      'DE-BB-P-SE082-20220217,DE-BB-P-SE082-20220217-82-000,82--T00:00:00+00:00',
    );
    expect(parsed.references).toEqual([
      {
        sender: 'DE-BB-P-SE082-20220217',
        identifier: 'DE-BB-P-SE082-20220217-82-000',
        sent: undefined,
      },
    ]);
    expect(parsed.malformed).toHaveLength(1);
  });

  it('reads BBK list form "ids sender,ids,sent" and reports it', () => {
    const parsed = parseReferences('X-1 X-0 SND,mow.X-1 mow.X-0,2026-01-01T00:00:00+00:00');
    expect(parsed.references).toEqual([
      { sender: 'SND', identifier: 'mow.X-1', sent: '2026-01-01T00:00:00+00:00' },
      { sender: 'SND', identifier: 'mow.X-0', sent: '2026-01-01T00:00:00+00:00' },
    ]);
    expect(parsed.malformed[0]?.reason).toMatch(/BBK-Listenform/);
  });

  it('reports tokens that are not triples and keeps the good ones', () => {
    const parsed = parseReferences('a,ID-1,2026-01-01T10:00:00+01:00 lonely a,b,c,d ,,');
    expect(parsed.references.map((r) => r.identifier)).toEqual(['ID-1']);
    expect(parsed.malformed.map((m) => m.token)).toEqual(['lonely', 'a,b,c,d', ',,']);
  });
});

describe('isCapDateTime', () => {
  it('requires a full timestamp with offset', () => {
    expect(isCapDateTime('2026-01-01T10:00:00+01:00')).toBe(true);
    expect(isCapDateTime('2026-01-01T10:00:00-00:00')).toBe(true);
    expect(isCapDateTime('2026-01-01T10:00:00Z')).toBe(true);
    expect(isCapDateTime('2026-01-01T10:00:00')).toBe(false);
    expect(isCapDateTime('2026-13-45T10:00:00+01:00')).toBe(false);
  });
});
