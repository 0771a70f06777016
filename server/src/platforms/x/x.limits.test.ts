import { describe, expect, it } from 'vitest';

import { X_CAPABILITIES, X_LIMITS, xWeightedLength } from './x.limits.ts';

describe('X weighted length (twitter-text)', () => {
  it('weighs an emoji 2', () => {
    expect(xWeightedLength('🚨')).toBe(2);
    expect(xWeightedLength('Achtung 🚨')).toBe(10);
    // A flag is one grapheme made of two code points; X still weighs it 2.
    expect(xWeightedLength('🇩🇪')).toBe(2);
  });

  it('weighs every URL 23, however long or short', () => {
    expect(
      xWeightedLength('https://www.stuttgart.de/aktuelles/warnungen/hochwasser-neckar?stand=2026'),
    ).toBe(23);
    expect(xWeightedLength('stuttgart.de')).toBe(23);
    expect(xWeightedLength('Mehr: https://s.de')).toBe(6 + 23);
  });

  it('weighs German umlauts and ß 1, composed or decomposed', () => {
    const text = 'Grüße: Straße gesperrt, Öffnungszeiten ändern sich';
    expect(xWeightedLength(text)).toBe(text.length);
    expect(xWeightedLength(text.normalize('NFD'))).toBe(text.length);
  });

  it('declares 280 characters, 4 images, alt text 1000 and only what the connector does', () => {
    expect(X_LIMITS.maxTextLength).toBe(280);
    expect(X_LIMITS.countLength('ä'.repeat(280))).toBe(280);
    expect(X_LIMITS.maxImages).toBe(4);
    expect(X_LIMITS.maxVideos).toBe(0);
    expect(X_LIMITS.maxAltTextLength).toBe(1000);
    expect([...X_CAPABILITIES].sort()).toEqual([
      'alt-text',
      'delete',
      'hide-comment',
      'images',
      'read-comments',
      'reply',
      'text',
    ]);
  });
});
