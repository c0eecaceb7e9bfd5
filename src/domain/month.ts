import type { CalendarDate } from './calendar.js';
import { lastDayOfMonth } from './calendar.js';

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * "oct", "october", "10" mean the next October whose month has not fully passed (the current
 * month counts); "2027-10" is explicit. Returns undefined for anything else.
 */
export function resolveMonth(text: string, today: CalendarDate): DateRange | undefined {
  const value = text.trim().toLowerCase();
  const explicit = /^(\d{4})-(\d{1,2})$/.exec(value);
  let year: number;
  let month: number;
  if (explicit) {
    year = Number(explicit[1]);
    month = Number(explicit[2]);
  } else {
    if (/^\d{1,2}$/.test(value)) month = Number(value);
    else {
      const index = value.length >= 3 ? MONTH_NAMES.findIndex((name) => name.startsWith(value)) : -1;
      if (index < 0) return undefined;
      month = index + 1;
    }
    const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
    year = month >= thisMonth ? thisYear : thisYear + 1;
  }
  if (month < 1 || month > 12 || year < 1970 || year > 9999) return undefined;
  const from = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  return { from, to: lastDayOfMonth(year, month) };
}
