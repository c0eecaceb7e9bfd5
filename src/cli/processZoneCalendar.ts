import { isListedTimeZone } from '../domain/calendar.js';
import type { WallClock } from '../domain/calendar.js';

/*
 * A start-up shortcut, kept out of the domain because it changes process state; the CLI offers
 * it to the domain's calendar (offerWallClockReader) when it starts. The first Intl formatter a
 * process creates makes V8 list every ICU locale once, a large share of a short command's
 * start-up (bench/results/decisions.md has the search with and without it), to learn what a
 * clock in the catalogue's zone shows: which day it is for `catalog search`, a course's day
 * starts for `access show` and `assessment take`. V8's own local time reads the same ICU zone
 * data without that list, so for the first few questions the process's TZ points at the
 * catalogue zone for the length of a few Date reads, then goes back. Only for zones Intl lists
 * (ICU's canonical names), within years where both ways agree (processZoneCalendar.test.ts holds
 * them equal for every zone), and after checking once that setting TZ takes effect here (in a
 * worker thread process.env is a private copy and it does not); otherwise, and after the first
 * few questions, the domain's Intl formatter answers.
 */
const PROCESS_ZONE_ANSWERS = 8;
const PROCESS_ZONE_RANGE = [Date.UTC(1850, 0, 1), Date.UTC(2100, 0, 1)] as const;
let processZoneAnswers = 0;
let processZoneWorks: boolean | undefined;

function inProcessZone<T>(timeZone: string, read: () => T): T {
  const previous = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    return read();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

function processZoneUsable(): boolean {
  if (processZoneWorks === undefined) {
    // Two zones that no host shares: if TZ were ignored, at least one answer would be wrong.
    const januaryOffset = (timeZone: string) => inProcessZone(timeZone, () => new Date(Date.UTC(2020, 0, 1)).getTimezoneOffset());
    processZoneWorks = januaryOffset('Asia/Calcutta') === -330 && januaryOffset('America/St_Johns') === 210;
  }
  return processZoneWorks;
}

/**
 * Wall clocks read through the process's local time, or undefined when that way is not sure to
 * match Intl. Exported for the test that compares the two.
 */
export function wallClocksByProcessZone(instants: number[], timeZone: string): WallClock[] | undefined {
  if (!instants.every((instant) => instant >= PROCESS_ZONE_RANGE[0] && instant < PROCESS_ZONE_RANGE[1])) return undefined;
  if (!isListedTimeZone(timeZone) || !processZoneUsable()) return undefined;
  return inProcessZone(timeZone, () =>
    instants.map((instant) => {
      const local = new Date(instant);
      const [y, m, d] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
      return {
        date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        asUtc: Date.UTC(y, m - 1, d, local.getHours(), local.getMinutes(), local.getSeconds()),
      };
    }),
  );
}

/** What the CLI offers the domain: the process zone for the first few questions, then nothing (Intl answers). */
export function startUpWallClocks(instants: number[], timeZone: string): WallClock[] | undefined {
  if (processZoneAnswers >= PROCESS_ZONE_ANSWERS) return undefined;
  const answers = wallClocksByProcessZone(instants, timeZone);
  if (answers) processZoneAnswers++;
  return answers;
}
