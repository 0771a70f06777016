import { describe, expect, it } from 'vitest';

import { addDays, calendarDate, germanDate, startOfCalendarDate } from './calendar.ts';

describe('calendar dates in the city’s time zone', () => {
  it('takes the date in Berlin, not in UTC, on both sides of midnight and across DST', () => {
    expect(calendarDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(calendarDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    // Summer time: UTC+2.
    expect(calendarDate(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(calendarDate(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('adds days across month and year ends and formats German dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-28', 60)).toBe('2026-05-27');
    expect(germanDate('2027-03-01')).toBe('01.03.2027');
  });
});

describe('startOfCalendarDate', () => {
  it('is Berlin midnight in summer and winter time, and on the days the clocks change', () => {
    expect(startOfCalendarDate('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfCalendarDate('2026-12-24').toISOString()).toBe('2026-12-23T23:00:00.000Z');
    expect(startOfCalendarDate('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfCalendarDate('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(calendarDate(startOfCalendarDate('2027-01-01'))).toBe('2027-01-01');
  });
});
