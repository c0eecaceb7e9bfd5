import type { CalendarDate } from '../../domain/calendar.js';
import { daysBetween } from '../../domain/calendar.js';
import { formatRupees, rupeesToPaise } from '../../domain/money.js';

/** ₹ with Indian digit grouping, from the rupees the JSON shapes carry. */
export const rupees = (value: number): string => formatRupees(rupeesToPaise(value));

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as people read it ("Mon, 4 Oct 2027"): a day, not an instant, so no zone applies. */
export function calendarDay(date: CalendarDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}, ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "Oct 2027" for a YYYY-MM month. */
export function calendarMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function courseDays(startDate: CalendarDate, endDate: CalendarDate): number {
  return daysBetween(startDate, endDate) + 1;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();
/** An instant (a sale's end) in the catalogue's zone, with the zone named: "31 Dec 2026, 11:59 pm IST". */
export function instantInZone(instant: number, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-IN', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    instantFormats.set(timeZone, format);
  }
  return format.format(instant);
}
