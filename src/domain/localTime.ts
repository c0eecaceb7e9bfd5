import { wallClockByFormatter } from './calendar.js';

/** An instant as the catalogue's wall clock reads it, for people: "2027-01-12 00:00". */
export function localTime(instant: number, timeZone: string): string {
  return new Date(wallClockByFormatter(instant, timeZone).asUtc).toISOString().slice(0, 16).replace('T', ' ');
}
