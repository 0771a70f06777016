// Dates are always shown and entered in Europe/Berlin, whatever the browser's own zone is.
import type { Locale } from '../api/api.types.ts';

const TIME_ZONE = 'Europe/Berlin';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}:${String(withSeconds)}`;
  let cached = formatters.get(key);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: withSeconds ? 'medium' : 'short',
      timeZone: TIME_ZONE,
    });
    formatters.set(key, cached);
  }
  return cached;
}

export function formatDateTime(iso: string, locale: Locale, withSeconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return formatter(locale, withSeconds).format(date);
}

const dayFormatters = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day (`YYYY-MM-DD`) as people read it; no time zone shift, it is a day, not an instant. */
export function formatDay(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) {
    return value;
  }
  let cached = dayFormatters.get(locale);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'medium',
      timeZone: 'UTC',
    });
    dayFormatters.set(locale, cached);
  }
  return cached.format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
  );
}

/** Today's date in Berlin as `YYYY-MM-DD`, the value a date input expects. */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds Berlin is ahead of UTC at the given instant (3600000 or 7200000). */
function berlinOffset(instant: number): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of partsFormatter.formatToParts(new Date(instant))) {
    parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function parseDate(value: string): [number, number, number] | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) {
    return null;
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The UTC instant at which the given Berlin calendar day starts (+dayOffset days). */
function berlinDayStart(value: string, dayOffset: number): number | null {
  const parsed = parseDate(value);
  if (parsed === null) {
    return null;
  }
  const [year, month, day] = parsed;
  const wallClock = Date.UTC(year, month - 1, day + dayOffset);
  // Two passes settle the offset even when the day starts right at a DST switch.
  let instant = wallClock - berlinOffset(wallClock);
  instant = wallClock - berlinOffset(instant);
  return instant;
}

/** ISO instant for 00:00 Berlin time on a `YYYY-MM-DD` day, or null when the input is empty. */
export function berlinStartOfDay(value: string): string | null {
  const instant = berlinDayStart(value, 0);
  return instant === null ? null : new Date(instant).toISOString();
}

/** ISO instant for the last millisecond of a Berlin day, so "bis" includes that whole day. */
export function berlinEndOfDay(value: string): string | null {
  const instant = berlinDayStart(value, 1);
  return instant === null ? null : new Date(instant - 1).toISOString();
}
