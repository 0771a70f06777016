import { describe, expect, it } from 'vitest';

import { LINKEDIN_LIMITS } from '../platforms/linkedin/linkedin.limits.ts';
import { toPlatformLimits, instanceLimitsFrom } from '../platforms/mastodon/mastodon.limits.ts';
import { FACEBOOK_LIMITS, INSTAGRAM_LIMITS } from '../platforms/meta/meta.limits.ts';
import { TIKTOK_LIMITS } from '../platforms/tiktok/tiktok.limits.ts';
import { X_LIMITS } from '../platforms/x/x.limits.ts';
import { YOUTUBE_LIMITS } from '../platforms/youtube/youtube.limits.ts';
import { mediaIssuesFor } from './media.issues.ts';
import type { Issue } from './media.issues.ts';
import type { MediaRow } from './media.table.ts';

const MB = 1024 * 1024;

function expectIssues(issues: Issue[], expected: [path: string, fragment: string][]): void {
  expect(issues.map((issue) => issue.path)).toEqual(expected.map(([path]) => path));
  expected.forEach(([, fragment], index) => {
    expect(issues[index]?.message).toContain(fragment);
  });
}
let counter = 0;

function image(overrides: Partial<MediaRow> = {}): MediaRow {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    kind: 'image',
    mime_type: 'image/jpeg',
    byte_size: 500_000,
    width: 1080,
    height: 1080,
    duration_seconds: null,
    sha256: 'a'.repeat(64),
    storage_key: 'b'.repeat(32),
    alt_text: 'Blick auf den Schlossplatz',
    uploaded_by: null,
    org_unit_id: null,
    created_at: new Date(),
    ...overrides,
  };
}
const video = (overrides: Partial<MediaRow> = {}): MediaRow =>
  image({
    kind: 'video',
    mime_type: 'video/mp4',
    byte_size: 20 * MB,
    width: 1080,
    height: 1920,
    duration_seconds: 30,
    alt_text: null,
    ...overrides,
  });

const mastodon = toPlatformLimits(
  instanceLimitsFrom({
    configuration: {
      statuses: { maxCharacters: 500, maxMediaAttachments: 4, charactersReservedPerUrl: 23 },
      mediaAttachments: { descriptionLimit: 1500 },
    },
  }),
);

describe('mediaIssuesFor', () => {
  it('finds nothing wrong with a described, fitting image', () => {
    expect(mediaIssuesFor('mastodon', mastodon, [image()])).toEqual([]);
    expect(mediaIssuesFor('instagram', INSTAGRAM_LIMITS, [image()])).toEqual([]);
  });

  it('requires alt text for every image, on every platform (BITV 2.0)', () => {
    const missing = [image({ alt_text: null }), image({ alt_text: '   ' })];
    for (const [key, limits] of [
      ['facebook', FACEBOOK_LIMITS],
      ['tiktok', TIKTOK_LIMITS],
    ] as const) {
      const issues = mediaIssuesFor(key, limits, missing);
      expect(issues.map((issue) => issue.path)).toEqual(['media.0.altText', 'media.1.altText']);
      expect(issues[0]?.message).toContain('Alternativtext');
      expect(issues[0]?.message).toContain('Bitte beschreiben Sie');
    }
    // Videos need none.
    expect(mediaIssuesFor('youtube', YOUTUBE_LIMITS, [video()])).toEqual([]);
  });

  it('holds alt text to the platform limit where it has one', () => {
    const long = image({ alt_text: 'ä'.repeat(1001) });
    const onX = mediaIssuesFor('x', X_LIMITS, [long]);
    expectIssues(onX, [['media.0.altText', 'höchstens 1000']]);
    expect(onX[0]?.message).toContain('kürzen');
    expect(mediaIssuesFor('mastodon', mastodon, [long])).toEqual([]);
    expect(mediaIssuesFor('linkedin', LINKEDIN_LIMITS, [long])).toEqual([]);
  });

  it('counts images and videos against the connector', () => {
    const five = Array.from({ length: 5 }, () => image());
    expectIssues(mediaIssuesFor('x', X_LIMITS, five), [['media', 'höchstens 4 Bilder']]);
    expect(mediaIssuesFor('youtube', YOUTUBE_LIMITS, [image()])[0]?.message).toContain(
      'keine Bilder',
    );
    expect(mediaIssuesFor('facebook', FACEBOOK_LIMITS, [video()])[0]?.message).toContain(
      'keine Videos',
    );
    const twoVideos = mediaIssuesFor('tiktok', TIKTOK_LIMITS, [video(), video()]);
    expect(twoVideos[0]?.message).toContain('höchstens 1 Video');
  });

  it('refuses images and a video together where the platform does not mix them', () => {
    const issues = mediaIssuesFor('tiktok', TIKTOK_LIMITS, [image(), video()]);
    expectIssues(issues, [['media', 'nicht im selben Beitrag']]);
  });

  it('checks format and bytes per platform', () => {
    const png = image({ mime_type: 'image/png' });
    expectIssues(mediaIssuesFor('tiktok', TIKTOK_LIMITS, [png]), [
      ['media.0', 'nimmt das Format PNG nicht an'],
    ]);
    expect(mediaIssuesFor('tiktok', TIKTOK_LIMITS, [png])[0]?.message).toContain('JPEG oder WebP');
    const big = image({ byte_size: 6 * MB });
    expectIssues(mediaIssuesFor('x', X_LIMITS, [big]), [
      ['media.0', '6 MB groß, X erlaubt höchstens 5 MB'],
    ]);
    expect(mediaIssuesFor('instagram', INSTAGRAM_LIMITS, [big])).toEqual([]);
    expect(mediaIssuesFor('facebook', FACEBOOK_LIMITS, [big])[0]?.message).toContain('verkleinern');
  });

  it('checks image geometry where the platform has limits', () => {
    const tall = image({ width: 1080, height: 1920 });
    const issues = mediaIssuesFor('instagram', INSTAGRAM_LIMITS, [tall]);
    expectIssues(issues, [['media.0', 'Seitenverhältnis']]);
    expect(issues[0]?.message).toContain('schneiden Sie das Bild zu');
    expect(
      mediaIssuesFor('instagram', INSTAGRAM_LIMITS, [image({ width: 1080, height: 1350 })]),
    ).toEqual([]);
    expect(
      mediaIssuesFor('instagram', INSTAGRAM_LIMITS, [image({ width: 200, height: 200 })])[0]
        ?.message,
    ).toContain('mindestens 320');
    expect(mediaIssuesFor('mastodon', mastodon, [tall])).toEqual([]);
    const huge = image({ width: 8000, height: 6000 });
    expect(mediaIssuesFor('linkedin', LINKEDIN_LIMITS, [huge])[0]?.message).toContain('Megapixel');
  });

  it('checks video duration where the platform has limits', () => {
    const short = mediaIssuesFor('tiktok', TIKTOK_LIMITS, [video({ duration_seconds: 2 })]);
    expectIssues(short, [['media.0', 'längeres Video']]);
    const long = mediaIssuesFor('tiktok', TIKTOK_LIMITS, [video({ duration_seconds: 601 })]);
    expect(long[0]?.message).toContain('kürzen Sie das Video');
    expect(mediaIssuesFor('youtube', YOUTUBE_LIMITS, [video({ duration_seconds: 4000 })])).toEqual(
      [],
    );
  });
});
