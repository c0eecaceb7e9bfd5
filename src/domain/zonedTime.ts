import { formatInstant } from './calendar.js';

/**
 * A deadline held as an exclusive end, as a person reads it: the end of a day (local midnight)
 * shows as 23:59:59 of that day rather than 00:00 of the next. Instants otherwise as formatInstant.
 */
export function formatDeadline(exclusiveEnd: number, timeZone: string): string {
  const text = formatInstant(exclusiveEnd, timeZone);
  return text.slice(11, 19) === '00:00:00' ? formatInstant(exclusiveEnd - 1000, timeZone) : text;
}
