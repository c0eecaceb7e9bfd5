import { afterEach, describe, expect, it } from 'vitest';
import { startUpWallClocks, wallClocksByProcessZone } from '../../src/cli/processZoneCalendar.js';
import {
  DEFAULT_TIME_ZONE,
  dateAt,
  formatInstant,
  formatInstants,
  offerWallClockReader,
  startOfDay,
  startsOfDays,
  wallClockByFormatter,
} from '../../src/domain/calendar.js';

describe('the CLI start-up shortcut for wall clocks (src/cli/processZoneCalendar.ts)', () => {
  afterEach(() => offerWallClockReader(undefined));

  it('reads the same wall clock through the process zone as Intl does, in every zone', () => {
    // Every 400 days over 1850–2100, then every 3 days and 5 hours through 2024–2027: DST
    // changes, zones that moved their offset, half-hour and 45-minute offsets. (Sweeps of 4.9
    // million instants in all zones, every 20 days over 1850–1970 and every 5 over 1970–2100, found none either.)
    const instants: number[] = [];
    for (let t = Date.UTC(1850, 0, 1); t < Date.UTC(2100, 0, 1); t += 400 * 86_400_000 + 4_321_000) instants.push(t);
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 3 * 86_400_000 + 5 * 3_600_000) instants.push(t);
    for (const zone of [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf('timeZone')]) {
      const fast = wallClocksByProcessZone(instants, zone);
      expect(fast, zone).toBeDefined();
      const differing = instants.filter((instant, i) => {
        const slow = wallClockByFormatter(instant, zone);
        return fast![i]!.date !== slow.date || fast![i]!.asUtc !== slow.asUtc;
      });
      expect(differing.map((instant) => `${zone} ${new Date(instant).toISOString()}`)).toEqual([]);
    }
  });

  it('leaves the process time zone as it found it', () => {
    const original = process.env.TZ;
    const instant = Date.parse('2026-07-01T12:00:00Z');
    try {
      process.env.TZ = 'America/New_York';
      expect(wallClocksByProcessZone([instant], 'Asia/Tokyo')?.[0]?.date).toBe('2026-07-01');
      expect(process.env.TZ).toBe('America/New_York');
      expect(new Date(instant).getTimezoneOffset()).toBe(240);
      delete process.env.TZ;
      expect(wallClocksByProcessZone([instant], 'Pacific/Kiritimati')?.[0]?.date).toBe('2026-07-02');
      expect('TZ' in process.env).toBe(false);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('leaves unusual names and far-off years to Intl', () => {
    expect(wallClocksByProcessZone([Date.now()], 'UTC')).toBeUndefined();
    expect(wallClocksByProcessZone([Date.UTC(1700, 0, 1)], 'Europe/Paris')).toBeUndefined();
  });

  it('gives the domain the same answers once offered, and stops after the first few questions', () => {
    const at = Date.parse('2026-11-24T20:00:00Z');
    const dates = ['2027-03-27', '2027-03-28', '2027-10-31'];
    const plain = {
      date: dateAt(at, 'Asia/Kolkata'),
      start: startOfDay('2027-03-28', 'Europe/London'),
      starts: startsOfDays(dates, 'Europe/Berlin'),
      text: formatInstant(at, 'America/St_Johns'),
    };
    offerWallClockReader(startUpWallClocks);
    const offered = {
      date: dateAt(at, 'Asia/Kolkata'),
      start: startOfDay('2027-03-28', 'Europe/London'),
      starts: startsOfDays(dates, 'Europe/Berlin'),
      text: formatInstant(at, 'America/St_Johns'),
    };
    expect(offered).toEqual(plain);
    for (let i = 0; i < 10; i++) startUpWallClocks([at], 'Asia/Kolkata');
    expect(startUpWallClocks([at], 'Asia/Kolkata')).toBeUndefined();
  });

  it('formats a list of instants with one question to the reader, the same as one by one', () => {
    const instants = Array.from({ length: 12 }, (_, i) => Date.UTC(2027, 2, 26 + i, 23, 30, 15, 900));
    const oneByOne = instants.map((at) => formatInstant(at, 'Europe/London'));
    const questions: number[] = [];
    offerWallClockReader((asked, timeZone) => {
      questions.push(asked.length);
      return wallClocksByProcessZone(asked, timeZone);
    });
    expect(formatInstants(instants, 'Europe/London')).toEqual(oneByOne);
    expect(questions).toEqual([12]);
    expect(oneByOne.slice(1, 3)).toEqual(['2027-03-27T23:30:15+00:00', '2027-03-29T00:30:15+01:00']);
  });
});
