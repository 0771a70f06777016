// Calendar arithmetic on Berlin calendar days. A day is a `YYYY-MM-DD` key; instants are mapped
// to keys with Intl in Europe/Berlin, so a day may last 23 or 25 hours across a DST switch.
import type { Locale } from '../api/api.types.ts';
import { berlinStartOfDay, berlinToday } from '../i18n/i18n.format.ts';
import { berlinLocalToIso } from '../tasks/tasks.time.ts';

const TIME_ZONE = 'Europe/Berlin';

const timeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** The Berlin calendar day of an instant. */
export function dayKeyOf(iso: string): string {
  return berlinToday(new Date(iso));
}

/** The Berlin wall-clock time of an instant as `HH:MM`. */
export function timeOfDay(iso: string): string {
  return timeFormatter.format(new Date(iso));
}

/** The value a `datetime-local` input shows for an instant, in Berlin time. */
export function localValueOf(iso: string): string {
  return `${dayKeyOf(iso)}T${timeOfDay(iso)}`;
}

/** The same Berlin time of day on another day (a drag in the calendar). */
export function onDay(dayKey: string, time: string): string | null {
  return berlinLocalToIso(`${dayKey}T${time}`);
}

function toUtc(dayKey: string): Date {
  const [year, month, day] = dayKey.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isDayKey(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;
}

export function addDays(dayKey: string, days: number): string {
  const date = toUtc(dayKey);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** The first day of the month `months` away from the one containing `dayKey`. */
export function addMonths(dayKey: string, months: number): string {
  const date = toUtc(dayKey);
  return fromUtc(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/** 0 for Monday … 6 for Sunday, as German calendars count. */
export function weekdayIndex(dayKey: string): number {
  return (toUtc(dayKey).getUTCDay() + 6) % 7;
}

export function startOfWeek(dayKey: string): string {
  return addDays(dayKey, -weekdayIndex(dayKey));
}

/** ISO 8601 week number: the week with the year's first Thursday is week 1. */
export function isoWeek(dayKey: string): number {
  const thursday = toUtc(addDays(dayKey, 3 - weekdayIndex(dayKey)));
  const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - firstOfYear) / 86_400_000 / 7) + 1;
}

export function weekDays(dayKey: string): string[] {
  const monday = startOfWeek(dayKey);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** Whole weeks, Monday first, covering the month that contains `dayKey`. */
export function monthWeeks(dayKey: string): string[][] {
  const first = addMonths(dayKey, 0);
  const last = addDays(addMonths(dayKey, 1), -1);
  const weeks: string[][] = [];
  for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(weekDays(monday));
  }
  return weeks;
}

export function sameMonth(a: string, b: string): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** Instants bounding the Berlin days `first` to `last`, for GET /api/posts (`to` is exclusive). */
export function rangeOf(first: string, last: string): { from: string; to: string } {
  return {
    from: berlinStartOfDay(first) ?? '',
    to: berlinStartOfDay(addDays(last, 1)) ?? '',
  };
}

function tag(locale: Locale): string {
  return locale === 'de' ? 'de-DE' : 'en-GB';
}

/** Formats a day key; the key is already a Berlin day, so it is formatted in UTC. */
export function formatDayKey(
  dayKey: string,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(tag(locale), { ...options, timeZone: 'UTC' }).format(
    toUtc(dayKey),
  );
}
