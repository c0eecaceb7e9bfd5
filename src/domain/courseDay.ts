import { addDays, startOfDay, startsOfDays } from './calendar.js';
import type { CalendarDate } from './calendar.js';

/**
 * Days of a course, the unit every schedule is written in: day 1 is the start date, day 2 the
 * day after, day 0 the day before and negative days earlier still. A day begins at 00:00 in the
 * catalogue's time zone, so moving a course's start date moves every window with it.
 */
export function courseDayStart(startDate: CalendarDate, day: number, timeZone: string): number {
  return startOfDay(addDays(startDate, day - 1), timeZone);
}

/** courseDayStart for several days at once (a course's materials), cheaper than one by one. */
export function courseDayStarts(startDate: CalendarDate, days: number[], timeZone: string): number[] {
  return startsOfDays(
    days.map((day) => addDays(startDate, day - 1)),
    timeZone,
  );
}

/** The instant day `day` ends (exclusive): the start of the next day, whatever its length across a DST change. */
export function courseDayEnd(startDate: CalendarDate, day: number, timeZone: string): number {
  return courseDayStart(startDate, day + 1, timeZone);
}

/** The day of the course an instant falls on (1 on the start date, 0 the day before). */
export function courseDayAt(startDate: CalendarDate, instant: number, timeZone: string): number {
  let day = Math.floor((instant - courseDayStart(startDate, 1, timeZone)) / 86_400_000) + 1;
  // Days are 23 to 25 hours long across DST changes: settle on the day whose span holds the instant.
  while (instant < courseDayStart(startDate, day, timeZone)) day--;
  while (instant >= courseDayEnd(startDate, day, timeZone)) day++;
  return day;
}
