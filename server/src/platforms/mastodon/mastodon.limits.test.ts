import { describe, expect, it } from 'vitest';

import { comparableText, htmlToText } from './mastodon.content.ts';
import {
  countMastodonLength,
  DEFAULT_DESCRIPTION_LIMIT,
  InstanceLimitsCache,
  instanceLimitsFrom,
} from './mastodon.limits.ts';

describe('counting like StatusLengthValidator', () => {
  it('counts grapheme clusters, not code units', () => {
    expect(countMastodonLength('Grüße', 23)).toBe(5);
    expect(countMastodonLength('👩‍👩‍👧‍👦🇩🇪', 23)).toBe(2);
  });

  it('counts every http(s) URL as the reserved length, trailing punctuation apart', () => {
    expect(countMastodonLength('https://a.example/very/long/path?with=query', 23)).toBe(23);
    expect(countMastodonLength('Siehe https://stuttgart.de.', 23)).toBe(6 + 23 + 1);
    expect(countMastodonLength('www.stuttgart.de', 23)).toBe(16);
  });

  it('counts a remote mention without its domain', () => {
    expect(countMastodonLength('@feuerwehr@stuttgart.social danke', 23)).toBe(
      '@feuerwehr danke'.length,
    );
    expect(countMastodonLength('post@stuttgart.de', 23)).toBe(17);
  });
});

describe('instance limits', () => {
  it('falls back to the documented 1 500 alt-text characters for instances before 4.4', () => {
    const limits = instanceLimitsFrom({
      configuration: {
        statuses: { maxCharacters: 1000, maxMediaAttachments: 4, charactersReservedPerUrl: 23 },
      },
    });
    expect(limits).toMatchObject({
      maxCharacters: 1000,
      descriptionLimit: DEFAULT_DESCRIPTION_LIMIT,
    });
  });

  it('refuses an instance answer without status limits', () => {
    expect(() => instanceLimitsFrom({ configuration: {} })).toThrow();
  });

  it('caches for the TTL and loads again afterwards', async () => {
    let now = 0;
    let loads = 0;
    const cache = new InstanceLimitsCache(1000, () => now);
    const load = (): Promise<ReturnType<typeof instanceLimitsFrom>> => {
      loads += 1;
      return Promise.resolve(
        instanceLimitsFrom({
          configuration: {
            statuses: {
              maxCharacters: loads,
              maxMediaAttachments: 4,
              charactersReservedPerUrl: 23,
            },
          },
        }),
      );
    };
    expect((await cache.get(load)).maxCharacters).toBe(1);
    now = 999;
    expect((await cache.get(load)).maxCharacters).toBe(1);
    now = 1000;
    expect((await cache.get(load)).maxCharacters).toBe(2);
  });
});

describe('status HTML back to text', () => {
  it('joins shortened links, keeps paragraphs and line breaks, decodes entities', () => {
    const html =
      '<p>Sperrung &amp; Umleitung: <a href="https://www.stuttgart.de/verkehr/baustellen/charlottenplatz"><span class="invisible">https://www.</span><span class="ellipsis">stuttgart.de/verkehr/baustelle</span><span class="invisible">n/charlottenplatz</span></a><br />Zeile&nbsp;2 &#x1F6A7;</p><p><a href="https://s.example/tags/s21" class="mention hashtag">#<span>S21</span></a> <span class="h-card"><a href="https://bawue.social/@polizei" class="u-url mention">@<span>polizei</span></a></span></p>';
    expect(htmlToText(html)).toBe(
      'Sperrung & Umleitung: https://www.stuttgart.de/verkehr/baustellen/charlottenplatz\nZeile\u00a02 🚧\n\n#S21 @polizei',
    );
  });

  it('compares texts the way Mastodon renders them', () => {
    expect(comparableText('Hallo  @polizei@bawue.social\n\nTschüss')).toBe(
      comparableText('Hallo @polizei Tschüss'),
    );
    expect(comparableText('Tschu\u0308ss')).toBe(comparableText('Tschüss'));
  });
});
