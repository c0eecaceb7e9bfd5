import { describe, expect, it } from 'vitest';
import { viewRegistration } from '../../src/domain/registration.js';
import { hashAccessCode, newAccessCode } from '../../src/security/accessCodes.js';
import { normaliseEmail } from '../../src/domain/student.js';

describe('normaliseEmail', () => {
  it('keeps one spelling per student: trimmed and lower case', () => {
    expect(normaliseEmail('  Asha.Rao+yoga@Example.IN ')).toBe('asha.rao+yoga@example.in');
  });

  it.each([
    'asha',
    'asha@',
    '@example.in',
    'asha@example',
    'asha rao@example.in',
    'Asha <asha@example.in>',
    'a@b@example.in',
    'asha@example.i',
    `${'a'.repeat(250)}@example.in`,
  ])('refuses %s', (text) => expect(normaliseEmail(text)).toBeUndefined());
});

describe('access codes', () => {
  it('are 24 Crockford base32 characters after acc_, and never repeat', () => {
    const codes = Array.from({ length: 2000 }, newAccessCode);
    for (const code of codes) expect(code).toMatch(/^acc_[0-9a-hjkmnp-tv-z]{24}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol of the alphabet turns up: nothing biased toward a few characters.
    expect(new Set(codes.join('')).size).toBeGreaterThanOrEqual(32);
  });

  it('are stored as a SHA-256 that does not contain the code, forgiving case and spaces when checked', () => {
    const code = newAccessCode();
    const hash = hashAccessCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code.slice(4));
    expect(hashAccessCode(` ${code.toUpperCase()} `)).toBe(hash);
    expect(hashAccessCode(newAccessCode())).not.toBe(hash);
  });
});

describe('viewRegistration', () => {
  it('shows rupees and ISO times in the catalogue zone with its offset, the way the JSON output promises', () => {
    expect(
      viewRegistration(
        {
          id: 7,
          courseId: 'crs_1',
          courseTitle: 'Yoga',
          studentEmail: 'a@example.in',
          studentName: null,
          mode: 'paid',
          amountPaise: 59950,
          paymentRef: 'pay_1',
          registeredAt: Date.parse('2026-11-25T06:30:00Z'),
          upgradedAt: null,
          cancelledAt: Date.parse('2026-11-26T08:00:00Z'),
          refundRef: 'rfnd_1',
          course: { startDate: '2027-01-10', freeDays: null, upgradeUntilDay: null },
        },
        'Asia/Kolkata',
      ),
    ).toEqual({
      id: 7,
      courseId: 'crs_1',
      courseTitle: 'Yoga',
      student: 'a@example.in',
      name: null,
      mode: 'paid',
      amount: 599.5,
      paymentRef: 'pay_1',
      registeredAt: '2026-11-25T12:00:00+05:30',
      upgradedAt: null,
      upgradeBy: null,
      cancelledAt: '2026-11-26T13:30:00+05:30',
      refundRef: 'rfnd_1',
    });
  });
});
