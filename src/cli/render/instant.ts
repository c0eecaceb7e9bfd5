import { formatInstant } from '../../domain/calendar.js';

/**
 * An instant for people: "2027-01-01 00:00 +05:30", read off the domain's formatInstant (the zone
 * and its offset always shown, so a reader in another zone is never misled).
 */
export function instantForPeople(instant: number | string, timeZone?: string): string {
  const text = typeof instant === 'number' ? formatInstant(instant, timeZone!) : instant;
  return `${text.slice(0, 10)} ${text.slice(11, 16)} ${text.slice(-6)}`;
}
