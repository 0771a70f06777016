/**
 * Calendar dates ('YYYY-MM-DD') in the city's time zone. Contracts and reviews run on days as the
 * city's files state them, so "today" is the date in Stuttgart, not in UTC.
 */
export const CITY_TIME_ZONE = 'Europe/Berlin';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, e.g. 2026-12-31T23:30Z → '2027-01-01' in Berlin. */
export function calendarDate(instant: Date, timeZone: string = CITY_TIME_ZONE): string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** Adds whole days to a calendar date (negative to go back); no time zone is involved. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** A calendar date as Germans write it, for notification and e-mail text: '2027-03-01' → '01.03.2027'. */
export function germanDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day ?? ''}.${month ?? ''}.${year ?? ''}`;
}

/**
 * The instant a calendar date begins in a time zone: '2026-07-01' → 2026-06-30T22:00Z in Berlin.
 * Daylight saving switches at 02:00/03:00, so midnight's offset is that of the day itself.
 */
export function startOfCalendarDate(date: string, timeZone: string = CITY_TIME_ZONE): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utcMidnight);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const zoned = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return new Date(utcMidnight.getTime() - (zoned - utcMidnight.getTime()));
}
