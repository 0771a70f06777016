import { describe, expect, it } from 'vitest';

import { normaliseForMatch, textAsWritten } from './x.lookup.ts';

describe('matching a tweet against the text that was sent', () => {
  it('restores t.co links from the entities and drops the photo link', () => {
    const tweet = {
      id: '1',
      text: 'Sperrung &amp; Umleitung: https://t.co/abc https://t.co/pic',
      entities: {
        urls: [
          { url: 'https://t.co/abc', expanded_url: 'http://stuttgart.de' },
          {
            url: 'https://t.co/pic',
            expanded_url: 'https://x.com/a/status/1/photo/1',
            media_key: '3_9',
          },
        ],
      },
    };
    expect(textAsWritten(tweet)).toBe('Sperrung & Umleitung: http://stuttgart.de ');
    expect(normaliseForMatch(textAsWritten(tweet))).toBe(
      normaliseForMatch('Sperrung & Umleitung: stuttgart.de'),
    );
  });

  it('keeps texts apart that differ only in their URL', () => {
    expect(normaliseForMatch('Lage: https://stuttgart.de/update-1')).not.toBe(
      normaliseForMatch('Lage: https://stuttgart.de/update-2'),
    );
  });

  it('ignores scheme, host case, NFC form and whitespace runs', () => {
    expect(normaliseForMatch('Grüße  von https://WWW.Stuttgart.de/')).toBe(
      normaliseForMatch('Grüße von http://www.stuttgart.de'.normalize('NFD')),
    );
  });

  it('does not let a replacement pattern in a URL leak into the text', () => {
    const tweet = {
      id: '1',
      text: 'x https://t.co/a',
      entities: { urls: [{ url: 'https://t.co/a', expanded_url: 'https://s.de/$&' }] },
    };
    expect(textAsWritten(tweet)).toBe('x https://s.de/$&');
  });
});
