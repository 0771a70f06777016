import type { Generated, Selectable } from 'kysely';

import type { NetiquetteAction } from './netiquette.model.ts';
import type { WordListKind } from './wordlist.match.ts';

export interface NetiquetteRuleTable {
  id: string;
  position: number;
  title: string;
  text: string;
  title_en: string;
  text_en: string;
  action: NetiquetteAction;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface ModerationTermTable {
  id: Generated<string>;
  term: string;
  kind: WordListKind;
  rule_id: string;
  weight: number;
  infix: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type NetiquetteRuleRow = Selectable<NetiquetteRuleTable>;
export type ModerationTermRow = Selectable<ModerationTermTable>;
