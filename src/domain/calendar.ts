/**
 * Course dates are calendar dates ("2027-10-04") in the catalogue's time zone, not instants:
 * a course starts on a day, wherever the server runs. Sales end at instants (epoch ms).
 */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real day in YYYY-MM-DD form, years 0100 to 9999. Arithmetic, not a Date: imports ask twice a row. */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  // Years below 100 stay refused, as Date.UTC (which reads them as 19xx) always refused them.
  return y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** The zone a catalogue uses unless configured otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

export function isValidTimeZone(timeZone: string): boolean {
  if (isListedTimeZone(timeZone)) return true;
  try {
    // The formatter is cached and reused by dateAt: validating costs nothing extra.
    dayFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

let canonicalZones: Set<string> | undefined;
/**
 * A zone ICU surely knows without building a formatter to ask: the default, or one of the IDs
 * Intl lists as supported (ICU's canonical names; aliases such as "UTC" go the slow way).
 */
export function isListedTimeZone(timeZone: string): boolean {
  if (timeZone === DEFAULT_TIME_ZONE) return true;
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonicalZones.has(timeZone);
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

export interface WallClock {
  date: CalendarDate;
  /** The wall-clock time read as if it were UTC: its difference to the instant is the zone's offset. */
  asUtc: number;
}

/** What a clock on the wall in `timeZone` shows at `instant`, read through ICU (Intl). */
export function wallClockByFormatter(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of dayFormatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    asUtc: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/**
 * Another way to read wall clocks, giving Intl's answers for every instant, or undefined when
 * it cannot be sure to (then Intl answers).
 */
export type WallClockReader = (instants: number[], timeZone: string) => WallClock[] | undefined;

let offeredReader: WallClockReader | undefined;

/**
 * Lets a front door offer a cheaper way to read wall clocks than building an Intl formatter:
 * the CLI's start-up shortcut (src/cli/processZoneCalendar.ts, which says why and holds itself
 * equal to Intl in a test). The domain changes no process state itself; its answers are the
 * same with or without the offer.
 */
export function offerWallClockReader(reader: WallClockReader | undefined): void {
  offeredReader = reader;
}

function wallClocks(instants: number[], timeZone: string): WallClock[] {
  return offeredReader?.(instants, timeZone) ?? instants.map((instant) => wallClockByFormatter(instant, timeZone));
}

function wallClock(instant: number, timeZone: string): WallClock {
  return wallClocks([instant], timeZone)[0]!;
}

/** The calendar date it is at `instant` in the catalogue's time zone. */
export function dateAt(instant: number, timeZone: string): CalendarDate {
  return wallClock(instant, timeZone).date;
}

/**
 * An instant as the catalogue's clocks show it, to the second, with the zone's offset:
 * "2027-01-01T00:00:00+05:30". ISO 8601, so scripts read back the instant; every time the
 * catalogue prints, in text or JSON, comes from here.
 */
export function formatInstant(instant: number, timeZone: string): string {
  return formatInstants([instant], timeZone)[0]!;
}

/** formatInstant for many instants, reading the zone's clocks once for them all. */
export function formatInstants(instants: readonly number[], timeZone: string): string[] {
  const wholeSeconds = instants.map((instant) => Math.floor(instant / 1000) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return wallClocks(wholeSeconds, timeZone).map(({ date, asUtc }, i) => {
    const offsetMinutes = Math.round((asUtc - wholeSeconds[i]!) / 60_000);
    const sign = offsetMinutes < 0 ? '-' : '+';
    const time = new Date(asUtc).toISOString().slice(11, 19);
    return `${date}T${time}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  });
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

/**
 * startOfDay for many dates at once (a course's schedule): two reads of the zone for all of them,
 * which an offered reader (offerWallClockReader) answers without building the Intl formatter.
 */
export function startsOfDays(dates: CalendarDate[], timeZone: string): number[] {
  const naive = dates.map((date) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  });
  // The same two passes as zonedInstant, each over every date.
  const first = wallClocks(naive, timeZone);
  const guesses = naive.map((instant, i) => instant - (first[i]!.asUtc - instant));
  const second = wallClocks(guesses, timeZone);
  return naive.map((instant, i) => instant - (second[i]!.asUtc - guesses[i]!));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (0 for the same day). Arithmetic like isCalendarDate: imports ask it for every row, and Date.parse was a visible share of their checks. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days since 0000-03-01 in the proleptic Gregorian calendar (years counted from March, so the leap day comes last). */
function dayNumber(date: CalendarDate): number {
  const m = Number(date.slice(5, 7));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const d = Number(date.slice(8, 10));
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + dayOfYear;
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
