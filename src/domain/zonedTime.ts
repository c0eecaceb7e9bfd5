import { wallClockByFormatter, wallClocksByProcessZone } from './calendar.js';
import type { WallClock } from './calendar.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock without building an Intl formatter when the process's zone can answer (calendar.ts says why). */
function wallClock(instant: number, timeZone: string): WallClock {
  return wallClocksByProcessZone([instant], timeZone)?.[0] ?? wallClockByFormatter(instant, timeZone);
}

/** An instant as the catalogue's zone shows it, with its offset: 2027-01-14T23:59:59+05:30. */
export function formatZoned(instant: number, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  const offsetMinutes = Math.round((wall.asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${new Date(wall.asUtc).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A deadline held as an exclusive end, as a person reads it: the end of a day (local midnight)
 * shows as 23:59:59 of that day rather than 00:00 of the next.
 */
export function formatDeadline(exclusiveEnd: number, timeZone: string): string {
  const wall = wallClock(exclusiveEnd, timeZone);
  const midnight = wall.asUtc % 86_400_000 === 0;
  return formatZoned(midnight ? exclusiveEnd - 1000 : exclusiveEnd, timeZone);
}
