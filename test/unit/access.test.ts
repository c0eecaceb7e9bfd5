import { describe, expect, it } from 'vitest';
import { accessEndsAt, canOpen, enrolmentAccessUntil } from '../../src/domain/access.js';
import type { Enrolment } from '../../src/domain/access.js';
import {
  FREE_FAILURES,
  MAX_DELAY_MS,
  QUIET_RESET_MS,
  admitAttempt,
  afterFailure,
  delayAfter,
} from '../../src/domain/accessCodeThrottle.js';
import type { CodeFailures } from '../../src/domain/accessCodeThrottle.js';

const T = Date.parse('2027-01-10T00:00:00Z');
const HOUR = 3_600_000;
const enrolment = (overrides: Partial<Enrolment> = {}): Enrolment => ({
  registrationId: 1,
  courseId: 'crs_1',
  studentId: 1,
  studentEmail: 'a@example.in',
  studentName: null,
  mode: 'paid',
  freeStart: null,
  grantedAt: T - 10 * HOUR,
  cancelledAt: null,
  accessUntil: T + 100 * HOUR,
  ...overrides,
});

describe('canOpen', () => {
  it('opens from the opening time until access ends', () => {
    expect(canOpen(enrolment(), { opensAt: T }, T - 1)).toEqual({ open: false, reason: 'not-yet', opensAt: T });
    expect(canOpen(enrolment(), { opensAt: T }, T)).toEqual({ open: true, opensAt: T });
    expect(canOpen(enrolment(), { opensAt: T }, T + 100 * HOUR)).toEqual({ open: false, reason: 'ended', endedAt: T + 100 * HOUR });
  });

  it('day 0 ("on access") opens when access was granted', () => {
    const e = enrolment();
    expect(canOpen(e, { opensAt: 'on-access' }, e.grantedAt - 1)).toMatchObject({ open: false, reason: 'not-yet', opensAt: e.grantedAt });
    expect(canOpen(e, { opensAt: 'on-access' }, e.grantedAt)).toEqual({ open: true, opensAt: e.grantedAt });
  });

  it('a preview opens at once for any access, but never after cancellation or the end', () => {
    expect(canOpen(enrolment(), { opensAt: T + 50 * HOUR, preview: true }, T)).toEqual({ open: true, opensAt: T + 50 * HOUR });
    expect(canOpen(enrolment({ cancelledAt: T - HOUR }), { opensAt: T, preview: true }, T)).toEqual({
      open: false,
      reason: 'cancelled',
      cancelledAt: T - HOUR,
    });
    expect(canOpen(enrolment(), { opensAt: T, preview: true }, T + 200 * HOUR)).toMatchObject({ open: false, reason: 'ended' });
  });

  it('a cancelled enrolment opens nothing, even what was open before', () => {
    expect(canOpen(enrolment({ cancelledAt: T }), { opensAt: 'on-access' }, T + HOUR)).toMatchObject({ open: false, reason: 'cancelled' });
  });

  it('an item with a close (an assessment) stops opening then', () => {
    expect(canOpen(enrolment(), { opensAt: T, closesAt: T + HOUR }, T + HOUR - 1)).toEqual({ open: true, opensAt: T });
    expect(canOpen(enrolment(), { opensAt: T, closesAt: T + HOUR }, T + HOUR)).toEqual({
      open: false,
      reason: 'closed',
      closedAt: T + HOUR,
    });
  });

  it('access lasts through the end date plus the configured days, in the catalogue zone', () => {
    expect(new Date(accessEndsAt({ endDate: '2027-01-20' }, 90, 'Asia/Kolkata')).toISOString()).toBe('2027-04-20T18:30:00.000Z');
    expect(new Date(accessEndsAt({ endDate: '2027-01-20' }, 0, 'UTC')).toISOString()).toBe('2027-01-21T00:00:00.000Z');
    const course = { startDate: '2027-01-10', endDate: '2027-01-20', freeDays: null, upgradeUntilDay: null };
    const { accessUntil } = enrolmentAccessUntil(enrolment(), course, 0, 'UTC');
    expect(accessUntil).toBe(Date.parse('2027-01-21T00:00:00Z'));
  });
});

describe('a free start (issue 14)', () => {
  // A course starting 2027-01-10 in Asia/Kolkata with 2 free days: day 3 begins 2027-01-12T00:00+05:30.
  const course = { startDate: '2027-01-10', endDate: '2027-01-20', freeDays: 2, upgradeUntilDay: null };
  const DAY_3 = Date.parse('2027-01-11T18:30:00Z');
  const DAY_4 = Date.parse('2027-01-12T18:30:00Z');
  const free = enrolmentAccessUntil(enrolment({ mode: 'free' }), course, 90, 'Asia/Kolkata');
  const paid = enrolmentAccessUntil(enrolment(), course, 90, 'Asia/Kolkata');
  const DAY_2 = DAY_3 - 24 * HOUR;

  it('opens the free days and previews; from the day after them, only the upgrade does', () => {
    expect(free.freeStart).toEqual({ paidFrom: DAY_3, upgradeBy: DAY_4 });
    expect(paid.freeStart).toBeNull();
    // Day 2's material opened at the start of day 2, for both; it stays open to the free start.
    expect(canOpen(free, { opensAt: DAY_2 }, DAY_3 - 1)).toEqual({ open: true, opensAt: DAY_2 });
    expect(canOpen(free, { opensAt: DAY_2 }, DAY_4 + 10 * 24 * HOUR)).toEqual({ open: true, opensAt: DAY_2 });
    // Day 3's: not yet for a paid student a millisecond before midnight, open at midnight; never for the free start.
    expect(canOpen(paid, { opensAt: DAY_3 }, DAY_3 - 1)).toMatchObject({ open: false, reason: 'not-yet' });
    expect(canOpen(paid, { opensAt: DAY_3 }, DAY_3)).toEqual({ open: true, opensAt: DAY_3 });
    for (const now of [DAY_3 - 1, DAY_3, DAY_4 + HOUR])
      expect(canOpen(free, { opensAt: DAY_3 }, now)).toEqual({ open: false, reason: 'upgrade-needed', opensAt: DAY_3, upgradeBy: DAY_4 });
    // Graded work the same way (an assessment has a close): open only before the free days end.
    expect(canOpen(free, { opensAt: DAY_3 - 1, closesAt: DAY_4 }, DAY_3)).toEqual({ open: true, opensAt: DAY_3 - 1 });
    expect(canOpen(free, { opensAt: DAY_3, closesAt: DAY_4 }, DAY_3)).toMatchObject({ reason: 'upgrade-needed' });
    // Previews and day 0 ("on access", when the student enrolled) stay open.
    expect(canOpen(free, { opensAt: DAY_4, preview: true }, DAY_3)).toEqual({ open: true, opensAt: DAY_4 });
    expect(canOpen(free, { opensAt: 'on-access' }, DAY_3)).toEqual({ open: true, opensAt: free.grantedAt });
  });

  it('the upgrade closes at the end of its day, in the catalogue zone; days move with the course', () => {
    const later = enrolmentAccessUntil(enrolment({ mode: 'free' }), { ...course, upgradeUntilDay: 5 }, 90, 'America/New_York');
    expect(new Date(later.freeStart!.paidFrom).toISOString()).toBe('2027-01-12T05:00:00.000Z');
    expect(new Date(later.freeStart!.upgradeBy).toISOString()).toBe('2027-01-15T05:00:00.000Z');
    const moved = enrolmentAccessUntil(enrolment({ mode: 'free' }), { ...course, startDate: '2027-02-10' }, 90, 'Asia/Kolkata');
    expect(moved.freeStart!.paidFrom - free.freeStart!.paidFrom).toBe(31 * 24 * HOUR);
  });

  it('a free enrolment on a course that lost its free start keeps its previews only', () => {
    const lost = enrolmentAccessUntil(enrolment({ mode: 'free' }), { ...course, freeDays: null }, 90, 'Asia/Kolkata');
    expect(canOpen(lost, { opensAt: DAY_2 }, DAY_3)).toMatchObject({ reason: 'upgrade-needed' });
    expect(canOpen(lost, { opensAt: DAY_2, preview: true }, DAY_3)).toMatchObject({ open: true });
  });
});

describe('slowing a loop of wrong access codes', () => {
  it('the first wrong codes are free, then the delay doubles up to a ceiling', () => {
    for (let n = 1; n <= FREE_FAILURES; n++) expect(delayAfter(n)).toBe(0);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((k) => delayAfter(FREE_FAILURES + k));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBe(Math.min(MAX_DELAY_MS, delays[i - 1]! * 2));
    expect(delays[0]).toBeGreaterThan(0);
    expect(delayAfter(1000)).toBe(MAX_DELAY_MS);
  });

  it('refuses an attempt before the delay has passed, without looking at the code; an admitted one takes the slot', () => {
    let state: CodeFailures | undefined;
    for (let n = 0; n < FREE_FAILURES + 1; n++) {
      expect(admitAttempt(state, T)).toEqual({ admitted: true, holdUntil: n < FREE_FAILURES ? null : T + delayAfter(n + 1) });
      state = afterFailure(state, T);
    }
    const refused = admitAttempt(state, T);
    expect(refused).toEqual({ admitted: false, retryAt: T + delayAfter(FREE_FAILURES + 1) });
    const later = T + delayAfter(FREE_FAILURES + 1);
    expect(admitAttempt(state, later)).toEqual({ admitted: true, holdUntil: later + delayAfter(FREE_FAILURES + 2) });
  });

  it('forgets failures after a quiet spell', () => {
    let state: CodeFailures | undefined;
    for (let n = 0; n < 20; n++) state = afterFailure(state, T);
    expect(admitAttempt(state, T + MAX_DELAY_MS - 1).admitted).toBe(false);
    expect(admitAttempt(state, T + QUIET_RESET_MS)).toEqual({ admitted: true, holdUntil: null });
    expect(afterFailure(state, T + QUIET_RESET_MS).failures).toBe(1);
  });
});
