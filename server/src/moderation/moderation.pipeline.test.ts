import { describe, expect, it } from 'vitest';

import { moderate } from './moderation.pipeline.ts';
import type { ModerationDeps, ModerationInput } from './moderation.pipeline.ts';
import { STUTTGART_NETIQUETTE } from './netiquette.model.ts';
import type { NetiquetteRule } from './netiquette.model.ts';
import { textHash } from './spam.signals.ts';
import { compileWordList, DEFAULT_WORD_LIST } from './wordlist.match.ts';

const wordList = compileWordList(DEFAULT_WORD_LIST);
const deps: ModerationDeps = { rules: STUTTGART_NETIQUETTE, wordList };
const run = (
  text: string,
  over: Partial<ModerationInput> = {},
  depsOver: Partial<ModerationDeps> = {},
) => moderate({ text, channelPolicy: 'suggest', ...over }, { ...deps, ...depsOver });

describe('moderate', () => {
  it('lets a critical but respectful comment pass', () => {
    const verdict = run('Die Umleitung ist schlecht ausgeschildert, bitte nachbessern!');
    expect(verdict).toMatchObject({ outcome: 'ok', ruleId: null, autoApply: false, reasons: [] });
  });

  it('hides an insult and cites the rule', () => {
    const verdict = run('Ihr seid doch alle I d 1 o t e n im Rathaus');
    expect(verdict.outcome).toBe('hide');
    expect(verdict.ruleId).toBe('beleidigung');
    expect(verdict.reasons[0]).toMatchObject({ stage: 'wordlist', ruleId: 'beleidigung' });
    expect(verdict.reasons[0]?.detail).toContain('„Idiot“');
  });

  it('only flags a weaker word and hides once evidence adds up', () => {
    expect(run('Diese Drecksstadt!').outcome).toBe('flag');
    expect(run('Diese Drecksstadt, ihr Vollpf0sten').outcome).toBe('hide');
    expect(run('Scheiß Baustelle').outcome).toBe('ok');
  });

  it('applies hide automatically only on auto-hide channels', () => {
    expect(run('Vollidiot', { channelPolicy: 'auto-hide' }).autoApply).toBe(true);
    expect(run('Vollidiot', { channelPolicy: 'suggest' }).autoApply).toBe(false);
    expect(run('Drecksstadt', { channelPolicy: 'auto-hide' })).toMatchObject({
      outcome: 'flag',
      autoApply: false,
    });
  });

  it('escalates threats and never applies that automatically', () => {
    for (const text of ['Ich bring dich um, Bürgermeister', 'Im Rathaus liegt eine Bombe']) {
      const verdict = run(text, { channelPolicy: 'auto-hide' });
      expect(verdict, text).toMatchObject({ outcome: 'escalate', ruleId: 'bedrohung' });
      expect(verdict.autoApply).toBe(false);
    }
  });

  it('hides personal data to protect the writer and suggests a private channel', () => {
    const verdict = run('Mein Sperrmüll wurde nicht abgeholt, rufen Sie mich an: 0711 123456', {
      channelPolicy: 'auto-hide',
    });
    expect(verdict).toMatchObject({
      outcome: 'hide',
      ruleId: 'personenbezogene-daten',
      personalData: ['phone'],
      suggestPrivateChannel: true,
      autoApply: true,
    });
    const detail = verdict.reasons.find((reason) => reason.stage === 'pii')?.detail ?? '';
    expect(detail).toContain('Telefonnummer');
    expect(detail).not.toContain('123456');
  });

  it('keeps personal data in a direct message: it is an inquiry, not a public comment', () => {
    const verdict = run('Meine Nummer ist 0711 123456, bitte um Rückruf', {
      visibility: 'private',
    });
    expect(verdict).toMatchObject({
      outcome: 'ok',
      personalData: ['phone'],
      suggestPrivateChannel: false,
    });
  });

  it('never exceeds what the cited rule allows', () => {
    const softened: NetiquetteRule[] = STUTTGART_NETIQUETTE.map((rule) =>
      rule.id === 'beleidigung' ? { ...rule, action: 'flag' } : rule,
    );
    expect(run('Arschloch', {}, { rules: softened }).outcome).toBe('flag');
    const withoutRule = STUTTGART_NETIQUETTE.filter((rule) => rule.id !== 'beleidigung');
    expect(run('Arschloch', {}, { rules: withoutRule })).toMatchObject({
      outcome: 'flag',
      ruleId: 'beleidigung',
    });
  });

  it('uses the injected classifier and combines it with the word list', () => {
    const classifier = () => 0.9;
    const verdict = run('Sie sind eine Schande für diese Stadt', {}, { classifier });
    expect(verdict).toMatchObject({ outcome: 'hide', ruleId: 'beleidigung' });
    expect(verdict.reasons).toEqual([expect.objectContaining({ stage: 'classifier', score: 0.9 })]);
    // 0.6 (word list) and 0.6 (classifier) alone flag; together they reach hide.
    expect(run('Sie Versager', {}, { classifier: () => 0.6 }).outcome).toBe('hide');
    expect(run('Sie Versager').outcome).toBe('flag');
  });

  it('survives a failing or absent classifier', () => {
    const broken = () => {
      throw new Error('model missing');
    };
    expect(run('Gute Idee!', {}, { classifier: broken }).outcome).toBe('ok');
    expect(run('Gute Idee!', {}, { classifier: () => Number.NaN }).outcome).toBe('ok');
  });

  it('hides advertising spam', () => {
    const verdict = run(
      'Verdienen Sie 500€ am Tag von zu Hause aus mit Bitcoin! Infos: bit.ly/reich-werden',
    );
    expect(verdict).toMatchObject({ outcome: 'hide', ruleId: 'spam-werbung' });
  });

  it('hides a repeated post using the caller’s recent hashes', () => {
    const text = 'Besuchen Sie unseren Shop für günstige Fahrräder, nur heute zwanzig Prozent';
    expect(run(text).outcome).toBe('ok');
    const verdict = run(text, { recentHashes: [textHash(text)] });
    expect(verdict.reasons.map((reason) => reason.stage)).toContain('spam');
    expect(verdict.outcome).toBe('hide');
  });

  it('flags off-topic comments but never hides them', () => {
    const verdict = run(
      'Wann endlich kümmert sich jemand um die kaputten Laternen im Stadtteil Zuffenhausen, seit Monaten dunkel abends gefährlich',
      {
        postText:
          'Ab Montag wird die Königstraße zwischen Schlossplatz und Hauptbahnhof saniert. Die Bauarbeiten dauern sechs Wochen.',
        channelPolicy: 'auto-hide',
      },
    );
    expect(verdict).toMatchObject({ outcome: 'flag', ruleId: 'themenfremd', autoApply: false });
  });

  it('prefers the strongest outcome when several rules apply', () => {
    const verdict = run('Du Idiot, ich bring dich um. Meine Nummer: 0711 123456');
    expect(verdict.outcome).toBe('escalate');
    expect(verdict.suggestPrivateChannel).toBe(true);
    expect(new Set(verdict.reasons.map((reason) => reason.stage))).toEqual(
      new Set(['wordlist', 'pii']),
    );
  });

  it('respects custom thresholds', () => {
    expect(run('Sie Versager', {}, { thresholds: { hide: 0.55 } }).outcome).toBe('hide');
    expect(run('Sie Versager', {}, { thresholds: { flag: 0.7 } }).outcome).toBe('ok');
  });

  it('has no delete outcome', () => {
    const outcomes = new Set(
      ['', 'Idiot', 'Bombe', 'a@b.de', 'bit.ly/x bit.ly/y'].map((text) => run(text).outcome),
    );
    expect([...outcomes].every((o) => ['ok', 'flag', 'hide', 'escalate'].includes(o))).toBe(true);
  });
});
