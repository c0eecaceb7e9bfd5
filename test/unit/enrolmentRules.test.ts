import { describe, expect, it } from 'vitest';
import type { Course } from '../../src/domain/course.js';
import { freeStartRefusal, paymentProblems, registrationRefusal, upgradeRefusal } from '../../src/domain/enrolmentRules.js';
import { storedCourse } from '../support/courseFactory.js';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const DAY = 86_400_000;
const TZ = 'Asia/Kolkata';

const course = (overrides: Partial<Course> = {}) => storedCourse({ pricePaise: 59900, endDate: '2027-01-14', ...overrides });

const fields = (problems: { field: string; message: string }[]) => problems.map((p) => `${p.field}: ${p.message}`);

describe('what a registration pays', () => {
  it('a priced course needs the amount and the reference, and the amount must be the price now', () => {
    expect(fields(paymentProblems(course(), { amountPaise: undefined, paymentRef: undefined }, NOW, TZ))).toEqual([
      'amount: course crs_test000001 costs ₹599 (the list price): give the amount paid',
      "payment-ref: course crs_test000001 costs ₹599: give the payment's reference",
    ]);
    expect(paymentProblems(course(), { amountPaise: 59900, paymentRef: 'pay_1' }, NOW, TZ)).toEqual([]);
    expect(fields(paymentProblems(course(), { amountPaise: 49900, paymentRef: 'pay_1' }, NOW, TZ))).toEqual([
      'amount: ₹499 does not match the price of course crs_test000001: ₹599 (the list price)',
    ]);
  });

  it('a free course, or one on a sale to ₹0, takes no payment at all', () => {
    const free = course({ pricePaise: 0 });
    expect(paymentProblems(free, { amountPaise: undefined, paymentRef: undefined }, NOW, TZ)).toEqual([]);
    expect(paymentProblems(free, { amountPaise: 0, paymentRef: undefined }, NOW, TZ)).toEqual([]);
    expect(fields(paymentProblems(free, { amountPaise: 59900, paymentRef: 'pay_1' }, NOW, TZ))).toEqual([
      'amount: ₹599 does not match the price of course crs_test000001: it is free (the list price)',
      'payment-ref: course crs_test000001 is free now (the list price): there is no payment to record',
    ]);
    const saleToZero = course({ sale: { pricePaise: 0, startsAt: null, endsAt: NOW + DAY } });
    expect(paymentProblems(saleToZero, { amountPaise: undefined, paymentRef: undefined }, NOW, TZ)).toEqual([]);
    // When the sale ends the list price is back, with no command run.
    expect(paymentProblems(saleToZero, { amountPaise: undefined, paymentRef: undefined }, NOW + DAY, TZ)).toHaveLength(2);
  });
});

describe('who may join how', () => {
  it('a registration needs a published course that has not started and has a seat (none without a seat limit)', () => {
    expect(registrationRefusal(course(), NOW, TZ)).toBeUndefined();
    expect(registrationRefusal(course({ registrations: 10 }), NOW, TZ)?.message).toMatch(/sold out/);
    expect(registrationRefusal(course({ seats: null, registrations: 100_000 }), NOW, TZ)).toBeUndefined();
    expect(registrationRefusal(course({ status: 'stopped', stopReason: 'venue' }), NOW, TZ)?.message).toBe(
      'course crs_test000001 is off sale (venue)',
    );
    expect(registrationRefusal(course({ startDate: '2026-11-25' }), NOW, TZ)?.message).toMatch(/registration has closed/);
  });

  it('each refusal carries a hint for the staff (what to run) and one for a student on the website (never a command)', () => {
    const refusals = [
      registrationRefusal(course({ status: 'draft' }), NOW, TZ),
      registrationRefusal(course({ status: 'stopped' }), NOW, TZ),
      registrationRefusal(course({ status: 'archived' }), NOW, TZ),
      registrationRefusal(course({ startDate: '2026-11-25' }), NOW, TZ),
      registrationRefusal(course({ registrations: 10 }), NOW, TZ),
      freeStartRefusal(course(), NOW, TZ),
      freeStartRefusal(course({ freeDays: 2, startDate: '2026-11-25' }), NOW, TZ),
      upgradeRefusal(course({ freeDays: 2 }), Date.parse('2027-01-12T18:30:00Z'), TZ),
    ];
    for (const refusal of refusals) {
      expect(refusal?.hint).toMatch(/`catalog [a-z]|refund the payment/);
      expect(refusal?.visitorHint).toEqual(expect.any(String));
      expect(refusal?.visitorHint).not.toMatch(/catalog [a-z]|refund/);
    }
    expect(freeStartRefusal(course(), NOW, TZ)?.visitorHint).toBe(
      "register and pay on the course's page: /courses/crs_test000001/register",
    );
  });

  it('a free start needs one, before the start; a sold-out course can still be started free', () => {
    const refusal = freeStartRefusal(course(), NOW, TZ)!;
    expect(refusal.message).toBe('course crs_test000001 costs ₹599 and has no free start');
    expect(refusal.hint).toContain('catalog register crs_test000001 --student EMAIL --amount 599 --payment-ref REF');
    expect(freeStartRefusal(course({ freeDays: 2, registrations: 10 }), NOW, TZ)).toBeUndefined();
    expect(freeStartRefusal(course({ freeDays: 2, startDate: '2026-11-25' }), NOW, TZ)?.message).toMatch(/free start is closed/);
    expect(freeStartRefusal(course({ freeDays: 2, status: 'draft' }), NOW, TZ)?.message).toMatch(/draft/);
  });

  it('an upgrade runs to the end of its day (after the start, too), needs a seat, and says the free start stays', () => {
    // Day 3 (the default: the day after 2 free days) ends 2027-01-13T00:00+05:30.
    const freeStart = course({ freeDays: 2 });
    const dayThreeEnds = Date.parse('2027-01-12T18:30:00Z');
    expect(upgradeRefusal(freeStart, dayThreeEnds - 1, TZ)).toBeUndefined();
    expect(upgradeRefusal(freeStart, dayThreeEnds, TZ)?.message).toBe(
      'the upgrade of free starts on course crs_test000001 closed on 2027-01-12T23:59:59+05:30; the free enrolment keeps what it had',
    );
    expect(upgradeRefusal(course({ freeDays: 2, registrations: 10 }), NOW, TZ)?.message).toBe(
      'course crs_test000001 is sold out (all 10 seats are taken); the free enrolment keeps what it had',
    );
    expect(upgradeRefusal(course({ freeDays: 2, status: 'archived' }), NOW, TZ)?.message).toMatch(/archived.*keeps what it had/);
  });
});
