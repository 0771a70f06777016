import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
/** A calendar date; both engines return 'YYYY-MM-DD'. */
type CalendarDate = ColumnType<string, string, string>;
type TextArray = ColumnType<string[], string[], string[]>;

export interface SubProcessorRecord {
  name: string;
  location: string;
  purpose: string;
}

export interface ProcessorTable {
  id: Generated<string>;
  name: string;
  address: string;
  contact_email: string;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ProcessorContractTable {
  id: Generated<string>;
  processor_id: string;
  reference: string;
  subject_matter: string;
  duration: string;
  nature_purpose: string;
  data_types: TextArray;
  subject_categories: TextArray;
  sub_processors: ColumnType<SubProcessorRecord[], string, string>;
  starts_on: CalendarDate;
  ends_on: ColumnType<string | null, string | null, string | null>;
  ended_processed_at: Date | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ProcessorContractChannelTable {
  contract_id: string;
  channel_id: string;
}

export interface ProcessorMemberTable {
  processor_id: string;
  user_id: string;
}

export type ProcessorRow = Selectable<ProcessorTable>;
export type NewProcessorRow = Insertable<ProcessorTable>;
export type ProcessorUpdate = Updateable<ProcessorTable>;
export type ContractRow = Selectable<ProcessorContractTable>;
export type NewContractRow = Insertable<ProcessorContractTable>;
export type ContractUpdate = Updateable<ProcessorContractTable>;
