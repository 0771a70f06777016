import { describe, expect, it } from 'vitest';

import { CAPABILITIES } from '../connector.ts';
import { connectorFor, UnknownConnectorError } from '../connectors.registry.ts';
import {
  descriptorFor,
  isManualPlatform,
  isPublishedUrlOf,
  MANUAL_DESCRIPTORS,
  XING_DESCRIPTOR,
} from './xing.descriptor.ts';

describe('Xing descriptor (manual channel)', () => {
  it('is a manual platform with text and hand-attached images as data', () => {
    expect(XING_DESCRIPTOR.key).toBe('xing');
    expect(XING_DESCRIPTOR.mode).toBe('manual');
    expect([...XING_DESCRIPTOR.capabilities].sort()).toEqual(['images', 'text']);
    for (const capability of XING_DESCRIPTOR.capabilities) {
      expect(CAPABILITIES).toContain(capability);
    }
    // Nothing that needs an API: no delete, no comments, no insights.
    expect(XING_DESCRIPTOR.capabilities.has('delete')).toBe(false);
    expect(XING_DESCRIPTOR.capabilities.has('read-comments')).toBe(false);
  });

  it('counts code points against a conservative text limit', () => {
    const { limits } = XING_DESCRIPTOR;
    expect(limits.maxTextLength).toBe(420);
    expect(limits.countLength('Grüße 👋')).toBe(7);
    expect(limits.maxImages).toBe(1);
    expect(limits.maxVideos).toBe(0);
    expect(limits.mediaRequired).toBe(false);
  });

  it('is found by registry key; API platforms and unknown keys are not manual', () => {
    expect(descriptorFor('xing')).toBe(XING_DESCRIPTOR);
    expect(MANUAL_DESCRIPTORS.map((d) => d.key)).toEqual(['xing']);
    expect(isManualPlatform('xing')).toBe(true);
    expect(isManualPlatform('mastodon')).toBe(false);
    expect(isManualPlatform('p-unbekannt')).toBe(false);
  });

  it('has no API connector, by design', () => {
    expect(() =>
      connectorFor('xing', {
        baseUrl: 'https://x.example',
        clientId: '',
        clientSecret: '',
        timeoutMs: 1,
      }),
    ).toThrow(UnknownConnectorError);
  });

  it('accepts only https URLs on xing.com or a subdomain as the published URL', () => {
    const ok = [
      'https://www.xing.com/pages/landeshauptstadtstuttgart/posts/123',
      'https://xing.com/news/x',
      'https://WWW.XING.COM/feed',
    ];
    const bad = [
      'http://www.xing.com/pages/x',
      'https://xing.com.example.org/pages/x',
      'https://evilxing.com/pages/x',
      'https://user:pw@www.xing.com/pages/x',
      'javascript:alert(1)',
      'www.xing.com/pages/x',
      '',
    ];
    for (const url of ok) {
      expect(isPublishedUrlOf(XING_DESCRIPTOR, url), url).toBe(true);
    }
    for (const url of bad) {
      expect(isPublishedUrlOf(XING_DESCRIPTOR, url), url).toBe(false);
    }
  });
});
