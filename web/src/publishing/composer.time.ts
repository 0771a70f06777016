// The requested time is entered as a Berlin date and wall-clock time and sent as an instant with
// Berlin's offset for that very date, so a post planned across a DST switch keeps its hour.
const TIME_ZONE = 'Europe/Berlin';

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClockOf(instant: number): WallClock {
  const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of partsFormatter.formatToParts(new Date(instant))) {
    fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
  };
}

function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** An instant as the Berlin date (`YYYY-MM-DD`) and time (`HH:MM`) that the inputs show. */
export function berlinDateTime(iso: string): { date: string; time: string } | null {
  const instant = new Date(iso).getTime();
  if (Number.isNaN(instant)) {
    return null;
  }
  const wall = wallClockOf(instant);
  return {
    date: `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`,
    time: `${pad(wall.hour)}:${pad(wall.minute)}`,
  };
}

export type BerlinTimeResult =
  | { kind: 'empty' }
  | { kind: 'ok'; iso: string }
  /** Only one of date and time given, or not a real date. */
  | { kind: 'incomplete' }
  /** The hour skipped when the clocks go forward (last Sunday in March, 02:00–02:59). */
  | { kind: 'skipped' };

/** Date and time typed in Berlin → ISO instant with the offset valid on that date. */
export function berlinToIso(date: string, time: string): BerlinTimeResult {
  if (date === '' && time === '') {
    return { kind: 'empty' };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (day === null || clock === null) {
    return { kind: 'incomplete' };
  }
  const wanted: WallClock = {
    year: Number(day[1]),
    month: Number(day[2]),
    day: Number(day[3]),
    hour: Number(clock[1]),
    minute: Number(clock[2]),
  };
  const wall = asUtc(wanted);
  if (new Date(wall).getUTCDate() !== wanted.day || wanted.hour > 23 || wanted.minute > 59) {
    return { kind: 'incomplete' };
  }
  // Two passes settle the offset even right next to a switch.
  let instant = wall - (asUtc(wallClockOf(wall)) - wall);
  instant = wall - (asUtc(wallClockOf(instant)) - instant);
  const reached = wallClockOf(instant);
  if (asUtc(reached) !== wall) {
    return { kind: 'skipped' };
  }
  const offsetMinutes = Math.round((wall - instant) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    kind: 'ok',
    iso: `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}
