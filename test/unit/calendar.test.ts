import { describe, expect, it } from 'vitest';
import { addDays, dateAt, isCalendarDate, parseSaleInstant, startOfDay } from '../../src/domain/calendar.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate('01-10-2027')).toBe(false);
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
