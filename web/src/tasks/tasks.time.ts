// A `datetime-local` value is a wall-clock time; Stadtfunk reads it as Berlin time, whatever the
// browser's own zone is, like every other date in the admin UI.
const TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** The Berlin wall clock of an instant, as milliseconds of a UTC date with the same fields. */
function berlinWallClock(instant: number): number {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of parts.formatToParts(new Date(instant))) {
    fields[part.type] = Number(part.value);
  }
  return Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
  );
}

/** `2030-05-04T12:00` (Berlin) → ISO instant, or null when the value is not a full date-time. */
export function berlinLocalToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (match === null) {
    return null;
  }
  const wall = Date.UTC(
    Number(match[1]),
    Number(match[2]) - 1,
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
  );
  // Two passes settle the offset across a daylight-saving switch.
  let instant = wall - (berlinWallClock(wall) - wall);
  instant = wall - (berlinWallClock(instant) - instant);
  return new Date(instant).toISOString();
}
