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
