import { describe, expect, it } from 'vitest';

import {
  actionRank,
  findRule,
  NETIQUETTE_ACTIONS,
  NETIQUETTE_RULE_IDS,
  STUTTGART_NETIQUETTE,
} from './netiquette.model.ts';
import {
  netiquetteRuleSchema,
  netiquetteRulesSchema,
  netiquetteRuleUpdateSchema,
  wordListEntrySchema,
} from './netiquette.schema.ts';

describe('STUTTGART_NETIQUETTE', () => {
  it('contains every rule the detectors cite, each valid under the edit schema', () => {
    const ids = STUTTGART_NETIQUETTE.map((rule) => rule.id);
    expect(ids).toEqual(expect.arrayContaining(Object.values(NETIQUETTE_RULE_IDS)));
    expect(netiquetteRulesSchema.safeParse(STUTTGART_NETIQUETTE).success).toBe(true);
  });

  it('escalates threats and unlawful content, hides personal data, only flags off topic', () => {
    const action = (id: string) => findRule(STUTTGART_NETIQUETTE, id)?.action;
    expect(action('bedrohung')).toBe('escalate');
    expect(action('rechtswidrige-inhalte')).toBe('escalate');
    expect(action('personenbezogene-daten')).toBe('hide');
    expect(action('themenfremd')).toBe('flag');
    expect(findRule(STUTTGART_NETIQUETTE, 'gibt-es-nicht')).toBeUndefined();
  });

  it('orders actions from flag to escalate and has no delete', () => {
    expect(actionRank('flag')).toBeLessThan(actionRank('hide'));
    expect(actionRank('hide')).toBeLessThan(actionRank('escalate'));
    expect(NETIQUETTE_ACTIONS).not.toContain('delete');
  });
});

describe('netiquette schemas', () => {
  const rule = {
    id: 'keine-werbung',
    title: 'Keine Werbung',
    text: 'Werbung wird ausgeblendet.',
    titleEn: 'No advertising',
    textEn: 'Advertising is hidden.',
    action: 'hide',
  };

  it('accepts a valid rule', () => {
    expect(netiquetteRuleSchema.parse(rule)).toEqual(rule);
  });

  it('rejects bad ids, lengths, actions and unknown fields', () => {
    for (const id of ['Keine Werbung', 'ümlaut', '-start', 'a--b', 'x']) {
      expect(netiquetteRuleSchema.safeParse({ ...rule, id }).success, id).toBe(false);
    }
    expect(netiquetteRuleSchema.safeParse({ ...rule, title: '' }).success).toBe(false);
    expect(netiquetteRuleSchema.safeParse({ ...rule, title: 'x'.repeat(121) }).success).toBe(false);
    expect(netiquetteRuleSchema.safeParse({ ...rule, text: 'x'.repeat(2001) }).success).toBe(false);
    expect(netiquetteRuleSchema.safeParse({ ...rule, action: 'delete' }).success).toBe(false);
    expect(netiquetteRuleSchema.safeParse({ ...rule, extra: 1 }).success).toBe(false);
  });

  it('rejects duplicate ids in a rule set and allows partial updates without an id', () => {
    expect(netiquetteRulesSchema.safeParse([rule, rule]).success).toBe(false);
    expect(netiquetteRuleUpdateSchema.parse({ action: 'flag' })).toEqual({ action: 'flag' });
    expect(netiquetteRuleUpdateSchema.safeParse({ id: 'neu' }).success).toBe(false);
  });

  it('validates word-list entries, including their regexes', () => {
    const entry = { term: 'Idiot', kind: 'word', ruleId: 'beleidigung', weight: 0.8 };
    expect(wordListEntrySchema.safeParse(entry).success).toBe(true);
    expect(wordListEntrySchema.safeParse({ ...entry, weight: 1.5 }).success).toBe(false);
    expect(wordListEntrySchema.safeParse({ ...entry, kind: 'regex', term: '(' }).success).toBe(
      false,
    );
    expect(wordListEntrySchema.safeParse({ ...entry, kind: 'regex', term: 'a*' }).success).toBe(
      false,
    );
    expect(
      wordListEntrySchema.safeParse({ ...entry, kind: 'regex', term: '\\bsau\\w*' }).success,
    ).toBe(true);
  });
});
