/**
 * Course dates are calendar dates ("2027-10-04") in the catalogue's time zone, not instants:
 * a course starts on a day, wherever the server runs. Sales end at instants (epoch ms).
 */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    // The formatter is cached and reused by dateAt: validating costs nothing extra.
    dayFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const part of dayFormatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    asUtc: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)),
  };
}

/** The calendar date it is at `instant` in the catalogue's time zone. */
export function dateAt(instant: number, timeZone: string): CalendarDate {
  return wallClock(instant, timeZone).date;
}

/** The instant a wall-clock time in `timeZone` happens (first occurrence across DST changes). */
function zonedInstant(y: number, m: number, d: number, hh: number, mm: number, ss: number, timeZone: string): number {
  const naive = Date.UTC(y, m - 1, d, hh, mm, ss);
  let instant = naive - (wallClock(naive, timeZone).asUtc - naive);
  // A second pass settles the offset when the first guess crossed a DST boundary.
  instant = naive - (wallClock(instant, timeZone).asUtc - instant);
  return instant;
}

export function startOfDay(date: CalendarDate, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedInstant(y, m, d, 0, 0, 0, timeZone);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * Parses the moment a sale starts or ends. A bare date means a whole day: as an end it is the
 * end of that day ("--until 2026-12-01" runs through the 1st), as a start its beginning.
 */
export function parseSaleInstant(text: string, timeZone: string, edge: 'start' | 'end'): number | undefined {
  const trimmed = text.trim();
  if (isCalendarDate(trimmed)) {
    return edge === 'end' ? startOfDay(addDays(trimmed, 1), timeZone) : startOfDay(trimmed, timeZone);
  }
  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const [, y, mo, d, hh, mi, ss, zone] = match;
  if (!isCalendarDate(`${y}-${mo}-${d}`) || Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59) return undefined;
  if (zone) {
    const iso = `${y}-${mo}-${d}T${hh}:${mi}:${ss ?? '00'}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
    const instant = Date.parse(iso);
    return Number.isNaN(instant) ? undefined : instant;
  }
  return zonedInstant(Number(y), Number(mo), Number(d), Number(hh), Number(mi), Number(ss ?? 0), timeZone);
}
