import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateAt,
  daysBetween,
  DEFAULT_TIME_ZONE,
  isCalendarDate,
  isValidTimeZone,
  parseSaleInstant,
  startOfDay,
  formatInstant,
} from '../../src/domain/calendar.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate('01-10-2027')).toBe(false);
  });

  it('agrees with a Date round trip on every month and day number, in common, leap and century years', () => {
    const byDate = (y: number, m: number, d: number) => {
      const probe = new Date(Date.UTC(y, m - 1, d));
      return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (const y of [0, 99, 100, 1900, 1999, 2000, 2024, 2026, 2027, 2028, 2100, 2400, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++)
          expect(isCalendarDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`), `${y}-${m}-${d}`).toBe(byDate(y, m, d));
      }
    }
  });

  it('counts the days between two dates as Date.parse does, across month ends, leap days and centuries', () => {
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const from = Date.UTC(1899, 11, 25);
    for (let offset = 0; offset < 200 * 366; offset += 13) {
      const a = iso(from + offset * 86_400_000);
      for (const span of [0, 1, 27, 59, 366, 1461]) {
        const b = iso(from + (offset + span) * 86_400_000);
        expect(daysBetween(a, b), `${a} → ${b}`).toBe(span);
        expect(daysBetween(b, a), `${b} → ${a}`).toBe(0 - span || 0);
      }
    }
    expect(daysBetween('0100-01-01', '9999-12-31')).toBe((Date.parse('9999-12-31') - Date.parse('0100-01-01')) / 86_400_000);
  });

  it('knows which day it is in the catalogue time zone, not UTC', () => {
    // 20:00 UTC on the 24th is 01:30 on the 25th in India.
    expect(dateAt(Date.parse('2026-11-24T20:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-25');
    expect(dateAt(Date.parse('2026-11-24T20:00:00Z'), 'UTC')).toBe('2026-11-24');
  });

  it('finds midnight in a zone, across DST too', () => {
    expect(new Date(startOfDay('2026-11-25', 'Asia/Kolkata')).toISOString()).toBe('2026-11-24T18:30:00.000Z');
    expect(new Date(startOfDay('2027-03-28', 'Europe/London')).toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(new Date(startOfDay('2027-07-01', 'Europe/London')).toISOString()).toBe('2027-06-30T23:00:00.000Z');
  });

  it('adds days over month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('sale instants', () => {
  it('runs a sale that ends on a date through the end of that day', () => {
    expect(new Date(parseSaleInstant('2026-12-01', 'Asia/Kolkata', 'end')!).toISOString()).toBe('2026-12-01T18:30:00.000Z');
    expect(new Date(parseSaleInstant('2026-12-01', 'Asia/Kolkata', 'start')!).toISOString()).toBe('2026-11-30T18:30:00.000Z');
  });

  it('reads local and explicit-zone date-times', () => {
    expect(new Date(parseSaleInstant('2026-12-01T18:00', 'Asia/Kolkata', 'end')!).toISOString()).toBe('2026-12-01T12:30:00.000Z');
    expect(new Date(parseSaleInstant('2026-12-01T18:00Z', 'Asia/Kolkata', 'end')!).toISOString()).toBe('2026-12-01T18:00:00.000Z');
    expect(new Date(parseSaleInstant('2026-12-01T18:00+0100', 'Asia/Kolkata', 'end')!).toISOString()).toBe('2026-12-01T17:00:00.000Z');
  });

  it('refuses what is not a moment', () => {
    expect(parseSaleInstant('tomorrow', 'UTC', 'end')).toBeUndefined();
    expect(parseSaleInstant('2026-02-30', 'UTC', 'end')).toBeUndefined();
    expect(parseSaleInstant('2026-12-01T25:00', 'UTC', 'end')).toBeUndefined();
  });
});

describe('time zones', () => {
  it('knows the default zone, canonical names and aliases, and refuses the rest', () => {
    expect(new Intl.DateTimeFormat('en', { timeZone: DEFAULT_TIME_ZONE }).resolvedOptions().timeZone).toBeTruthy();
    for (const zone of [DEFAULT_TIME_ZONE, 'Asia/Calcutta', 'Europe/London', 'UTC', 'Etc/GMT+5', 'asia/kolkata'])
      expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ['Mars/Olympus', 'Asia/Kolkatta', '', '+05:30']) expect(isValidTimeZone(zone), zone).toBe(false);
  });

  it('reads far-off years too', () => {
    expect(dateAt(Date.UTC(1700, 0, 1, 12), 'Europe/Paris')).toBe('1700-01-01');
  });

  it('never changes process state: the domain is pure', () => {
    const original = process.env.TZ;
    const reads: string[] = [];
    const env = new Proxy(process.env, {
      set(target, key, value) {
        reads.push(`set ${String(key)}`);
        return Reflect.set(target, key, value);
      },
      deleteProperty(target, key) {
        reads.push(`delete ${String(key)}`);
        return Reflect.deleteProperty(target, key);
      },
    });
    const saved = process.env;
    process.env = env;
    try {
      dateAt(Date.parse('2026-07-01T12:00:00Z'), 'Asia/Tokyo');
      dateAt(Date.parse('2026-07-01T12:00:00Z'), 'Pacific/Kiritimati');
      startOfDay('2027-03-28', 'Europe/Berlin');
      formatInstant(Date.parse('2026-07-01T12:00:00Z'), 'America/St_Johns');
    } finally {
      process.env = saved;
    }
    expect(reads).toEqual([]);
    expect(process.env.TZ).toBe(original);
  });
});

describe('instants in the catalogue zone', () => {
  it.each([
    ['2026-12-31T18:30:00Z', 'Asia/Kolkata', '2027-01-01T00:00:00+05:30'],
    ['2026-12-01T16:15:00Z', 'Asia/Kolkata', '2026-12-01T21:45:00+05:30'],
    ['2026-12-01T16:15:00Z', 'UTC', '2026-12-01T16:15:00+00:00'],
    ['2027-07-01T12:00:00Z', 'Europe/London', '2027-07-01T13:00:00+01:00'],
    ['2027-01-01T12:00:00Z', 'Europe/London', '2027-01-01T12:00:00+00:00'],
    ['2027-01-01T12:00:00Z', 'America/St_Johns', '2027-01-01T08:30:00-03:30'],
    ['2027-01-01T12:00:00Z', 'Asia/Kathmandu', '2027-01-01T17:45:00+05:45'],
  ])('%s in %s is %s', (iso, zone, text) => {
    expect(formatInstant(Date.parse(iso), zone)).toBe(text);
    // It names the same instant: anything that reads ISO 8601 gets the instant back.
    expect(Date.parse(text)).toBe(Date.parse(iso));
  });

  it('gives seconds, dropping milliseconds', () => {
    expect(formatInstant(Date.parse('2026-11-25T06:30:00.750Z'), 'Asia/Kolkata')).toBe('2026-11-25T12:00:00+05:30');
    expect(formatInstant(Date.parse('1969-12-31T23:59:59.500Z'), 'UTC')).toBe('1969-12-31T23:59:59+00:00');
  });
});
