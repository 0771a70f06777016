import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type MediaKind = 'image' | 'video';

/** An uploaded file with its metadata stripped; bytes under DATA_DIR/media/<storage_key>. */
export interface MediaTable {
  id: Generated<string>;
  kind: MediaKind;
  mime_type: string;
  // bigint and numeric arrive as strings on both engines; `toMediaRow` turns them into numbers.
  byte_size: ColumnType<string | number, number, number>;
  width: number | null;
  height: number | null;
  duration_seconds: ColumnType<string | number | null, number | null, number | null>;
  /** SHA-256 (hex) of the stored, stripped bytes. */
  sha256: string;
  /** A generated hex id, never a file name: the only path segment under DATA_DIR/media. */
  storage_key: string;
  /** Mandatory for images before a post may use them (BITV 2.0); checked per platform limit. */
  alt_text: string | null;
  uploaded_by: string | null;
  org_unit_id: string | null;
  created_at: Generated<Date>;
}

type RawMediaRow = Selectable<MediaTable>;

/** A media row with sizes as numbers: what the repository hands out. */
export interface MediaRow extends Omit<RawMediaRow, 'byte_size' | 'duration_seconds'> {
  readonly byte_size: number;
  readonly duration_seconds: number | null;
}
export type NewMediaRow = Insertable<MediaTable>;

export function toMediaRow(raw: RawMediaRow): MediaRow {
  return {
    ...raw,
    byte_size: Number(raw.byte_size),
    duration_seconds: raw.duration_seconds === null ? null : Number(raw.duration_seconds),
  };
}
