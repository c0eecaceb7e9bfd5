import { describe, expect, it } from 'vitest';
import { conversionReport, viewRegistration } from '../../src/domain/registration.js';
import type { Registration } from '../../src/domain/registration.js';
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

describe('conversionReport', () => {
  const row = (id: number, courseId: string, mode: 'paid' | 'free', extra: Partial<Registration> = {}): Registration => ({
    id,
    courseId,
    courseTitle: `Course ${courseId}`,
    studentEmail: `s${id}@example.in`,
    studentName: null,
    mode,
    amountPaise: mode === 'paid' ? 99900 : 0,
    paymentRef: mode === 'paid' ? `pay_${id}` : null,
    registeredAt: 0,
    upgradedAt: null,
    cancelledAt: null,
    refundRef: null,
    course: { startDate: '2027-01-10', freeDays: 2, upgradeUntilDay: null },
    ...extra,
  });

  it('counts enrolments now by mode, and free starts with their upgrades, in all and per course in the order met', () => {
    const report = conversionReport([
      row(1, 'crs_b', 'paid'),
      row(2, 'crs_a', 'free'),
      row(3, 'crs_b', 'paid', { upgradedAt: 5 }),
      row(4, 'crs_b', 'free', { cancelledAt: 9 }),
      row(5, 'crs_a', 'paid', { upgradedAt: 7, cancelledAt: 9 }),
    ]);
    expect(report.enrolments).toEqual({ free: 1, paid: 2 });
    // Free starts: rows 2, 3, 4 and 5 (cancelled ones started free too); upgraded: 3 and 5.
    expect(report.conversion).toEqual({ freeStarts: 4, upgraded: 2, upgradeRate: 0.5 });
    expect(report.courses).toEqual([
      {
        courseId: 'crs_b',
        courseTitle: 'Course crs_b',
        enrolments: { free: 0, paid: 2 },
        conversion: { freeStarts: 2, upgraded: 1, upgradeRate: 0.5 },
      },
      {
        courseId: 'crs_a',
        courseTitle: 'Course crs_a',
        enrolments: { free: 1, paid: 0 },
        conversion: { freeStarts: 2, upgraded: 1, upgradeRate: 0.5 },
      },
    ]);
    expect(conversionReport([])).toEqual({
      enrolments: { free: 0, paid: 0 },
      conversion: { freeStarts: 0, upgraded: 0, upgradeRate: null },
      courses: [],
    });
  });
});
