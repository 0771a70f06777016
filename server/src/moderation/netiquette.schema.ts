import { z } from 'zod';

import { NETIQUETTE_ACTIONS } from './netiquette.model.ts';

/** Stable slugs such as "personenbezogene-daten": lower-case ASCII, digits, single hyphens. */
export const ruleIdSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'Bitte nur Kleinbuchstaben (a–z), Ziffern und einzelne Bindestriche verwenden.',
  });

const title = z.string().trim().min(1).max(120);
const text = z.string().trim().min(1).max(2000);

export const netiquetteRuleSchema = z.strictObject({
  id: ruleIdSchema,
  title: title.describe('Titel (Deutsch)'),
  text: text.describe('Regeltext (Deutsch)'),
  titleEn: title.describe('Title (English)'),
  textEn: text.describe('Rule text (English)'),
  action: z.enum(NETIQUETTE_ACTIONS).describe('strongest outcome the rule allows'),
});
export type NetiquetteRuleInput = z.infer<typeof netiquetteRuleSchema>;

/** A whole rule set as edited by `communications`; ids must be unique. */
export const netiquetteRulesSchema = z
  .array(netiquetteRuleSchema)
  .min(1)
  .max(100)
  .refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, {
    error: 'Jede Regel braucht eine eindeutige Kennung.',
  });

/** Editing one existing rule: the id is fixed, everything else may change. */
export const netiquetteRuleUpdateSchema = netiquetteRuleSchema.omit({ id: true }).partial();
export type NetiquetteRuleUpdate = z.infer<typeof netiquetteRuleUpdateSchema>;

function compiles(pattern: string): boolean {
  try {
    return !new RegExp(`^(?:${pattern})$`, 'u').test('');
  } catch {
    return false;
  }
}

/** A team-maintained word-list entry (see wordlist.match.ts); a regex must compile and match text. */
export const wordListEntrySchema = z
  .strictObject({
    term: z.string().trim().min(1).max(200),
    kind: z.enum(['word', 'stem', 'regex']),
    ruleId: ruleIdSchema,
    weight: z.number().min(0).max(1),
    infix: z.boolean().optional(),
  })
  .refine((entry) => entry.kind !== 'regex' || compiles(entry.term), {
    error: 'Das Muster ist kein gültiger regulärer Ausdruck oder passt auf leeren Text.',
    path: ['term'],
  });
export type WordListEntryInput = z.infer<typeof wordListEntrySchema>;
