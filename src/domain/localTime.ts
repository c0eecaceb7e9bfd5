import { formatInstant } from './calendar.js';

/** An instant as the catalogue's wall clock reads it, for people: "2027-01-12 00:00" (see formatInstant). */
export function localTime(instant: number, timeZone: string): string {
  return formatInstant(instant, timeZone).slice(0, 16).replace('T', ' ');
}
