import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type MatomoMode = 'consent' | 'cookieless';

/** The single row of widget settings; the rest of the config comes from the registry. */
export interface ConsentSettingsTable {
  id: Generated<boolean>;
  services: ColumnType<string[], string[] | undefined, string[]>;
  matomo_url: string | null;
  matomo_site_id: string | null;
  matomo_mode: Generated<MatomoMode>;
  proof_retention_days: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

/** One choice as the browser reported it; deliberately without IP address or user agent. */
export interface ConsentProofTable {
  id: ColumnType<string, never, never>;
  visitor_id: string;
  config_version: string;
  choices: ColumnType<Record<string, boolean>, string, never>;
  decided_at: Date;
  received_at: ColumnType<Date, Date | undefined, never>;
}

export type ConsentSettingsRow = Selectable<ConsentSettingsTable>;
export type ConsentProofRow = Selectable<ConsentProofTable>;
export type NewConsentProofRow = Insertable<ConsentProofTable>;
