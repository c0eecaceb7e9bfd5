import { describe, expect, it } from 'vitest';
import { courseDayAt, courseDayEnd, courseDayStart, courseDayStarts } from '../../src/domain/courseDay.js';

describe('course days', () => {
  it('day 1 starts at 00:00 of the start date in the catalogue zone', () => {
    expect(new Date(courseDayStart('2027-10-04', 1, 'Asia/Kolkata')).toISOString()).toBe('2027-10-03T18:30:00.000Z');
    expect(new Date(courseDayStart('2027-10-04', 0, 'Asia/Kolkata')).toISOString()).toBe('2027-10-02T18:30:00.000Z');
    expect(new Date(courseDayStart('2027-10-04', -2, 'Asia/Kolkata')).toISOString()).toBe('2027-09-30T18:30:00.000Z');
  });

  it('a day across a DST change is 23 or 25 hours long, and the day of an instant follows', () => {
    // New York springs forward on 2027-03-14 and falls back on 2027-11-07.
    const spring = courseDayEnd('2027-03-13', 2, 'America/New_York') - courseDayStart('2027-03-13', 2, 'America/New_York');
    const autumn = courseDayEnd('2027-11-06', 2, 'America/New_York') - courseDayStart('2027-11-06', 2, 'America/New_York');
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
    const lastMoment = courseDayEnd('2027-11-06', 2, 'America/New_York') - 1;
    expect(courseDayAt('2027-11-06', lastMoment, 'America/New_York')).toBe(2);
    expect(courseDayAt('2027-11-06', lastMoment + 1, 'America/New_York')).toBe(3);
    expect(courseDayAt('2027-11-06', courseDayStart('2027-11-06', -5, 'America/New_York'), 'America/New_York')).toBe(-5);
  });

  it('many days at once agree with one at a time, across DST changes and in every kind of zone', () => {
    const days = Array.from({ length: 60 }, (_, i) => i - 20);
    for (const zone of ['Asia/Kolkata', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC']) {
      for (const start of ['2027-03-13', '2027-10-30', '2027-04-04']) {
        expect(courseDayStarts(start, days, zone), `${zone} ${start}`).toEqual(days.map((day) => courseDayStart(start, day, zone)));
      }
    }
  });
});
