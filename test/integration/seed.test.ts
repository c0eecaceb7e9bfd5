import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/domain/calendar.js';
import { hashAccessCode } from '../../src/security/accessCodes.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { tempCatalog } from '../support/tempCatalog.js';

describe('seeded registrations are backed by rows (item 4)', () => {
  const catalog = tempCatalog();
  const now = catalog.time.now();

  it('every registration count is a student with a payment, a registration and an access grant', () => {
    const summary = seedCatalogue(catalog, { courses: 400, seed: 9 });
    expect(summary.created).toBe(400);
    const courses = catalog.courses.list({ includeArchived: true });
    const withRegistrations = courses.filter((c) => c.registrations > 0);
    expect(withRegistrations.length).toBeGreaterThan(200);
    expect(summary.registrations).toBe(courses.reduce((sum, c) => sum + c.registrations, 0));

    const rows = catalog.db
      .prepare(
        `SELECT c.id, c.registrations AS counted, c.free_enrolments AS free, c.upgrades, c.price_paise AS price,
                count(r.id) FILTER (WHERE r.mode = 'paid') AS rows, count(r.id) FILTER (WHERE r.mode = 'free') AS "freeRows",
                count(r.id) FILTER (WHERE r.upgraded_at IS NOT NULL) AS upgraded, count(DISTINCT r.student_id) AS students,
                count(p.id) AS payments, count(g.id) AS grants
         FROM courses c
         LEFT JOIN registrations r ON r.course_id = c.id
         LEFT JOIN payments p ON p.id = r.payment_id AND p.course_id = c.id AND p.student_id = r.student_id
         LEFT JOIN access_grants g ON g.registration_id = r.id
         GROUP BY c.id`,
      )
      .all() as {
      id: string;
      counted: number;
      free: number;
      upgrades: number;
      price: number;
      rows: number;
      freeRows: number;
      upgraded: number;
      students: number;
      payments: number;
      grants: number;
    }[];
    expect(rows).toHaveLength(400);
    for (const row of rows) {
      expect(row, row.id).toEqual({
        ...row,
        rows: row.counted,
        freeRows: row.free,
        upgraded: row.upgrades,
        students: row.counted + row.free,
        // A free course's registrations have no payment.
        payments: row.price === 0 ? 0 : row.counted,
        grants: row.counted + row.free,
      });
    }
    // No payment or access grant without its registration.
    expect(
      catalog.db
        .prepare(`SELECT count(*) FROM payments WHERE id NOT IN (SELECT payment_id FROM registrations WHERE payment_id IS NOT NULL)`)
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('about 8% free courses and some free starts with students who started free and upgraded, so the demo shows them', () => {
    const courses = catalog.courses.list({ includeArchived: true });
    const free = courses.filter((c) => c.pricePaise === 0);
    const freeStart = courses.filter((c) => c.freeDays !== null);
    expect(free.length / courses.length).toBeGreaterThan(0.04);
    expect(free.length / courses.length).toBeLessThan(0.13);
    expect(freeStart.length).toBeGreaterThan(20);
    expect(freeStart.some((c) => c.freeEnrolments > 0 && c.upgrades > 0)).toBe(true);
    expect(courses.some((c) => c.seats === null)).toBe(true);
    for (const course of freeStart) {
      expect(course.freeDays!).toBeLessThan(daysBetween(course.startDate, course.endDate) + 1);
      expect(course.freeStarts).toBe(course.freeEnrolments + course.upgrades);
    }
    // A free course is never on sale and never has a free start.
    expect(free.every((c) => c.sale === null && c.freeDays === null)).toBe(true);
  });

  it('tells the same story through the services: who registered, when, and what they paid', () => {
    const course = catalog.courses.list().find((c) => c.registrations >= 3 && c.pricePaise > 0 && c.freeDays === null)!;
    const registrations = listRegistrations(catalog, { course: course.id });
    expect(registrations).toHaveLength(course.registrations);
    for (const r of registrations) {
      expect(r.studentEmail).toMatch(/^[a-z0-9._-]+@example\.com$/);
      expect(r.studentName).toMatch(/\S+ \S+/);
      expect(r.registeredAt).toBeLessThanOrEqual(now);
      expect(r.registeredAt).toBeGreaterThanOrEqual(course.createdAt);
      // They registered before any seeded sale began (sales start when the seed runs): the list price.
      expect(r.amountPaise).toBe(course.pricePaise);
    }
    expect(new Set(registrations.map((r) => r.paymentRef)).size).toBe(registrations.length);
  });

  it('backs free starts and upgrades with rows: free enrolments hold no payment, upgrades are paid after they started', () => {
    const course = catalog.courses.list().find((c) => c.upgrades > 0 && c.freeEnrolments > 0 && c.pricePaise > 0)!;
    const registrations = listRegistrations(catalog, { course: course.id });
    const free = registrations.filter((r) => r.mode === 'free');
    const upgraded = registrations.filter((r) => r.upgradedAt !== null);
    expect(free).toHaveLength(course.freeEnrolments);
    expect(free.every((r) => r.paymentRef === null && r.amountPaise === 0)).toBe(true);
    expect(upgraded).toHaveLength(course.upgrades);
    for (const r of upgraded) {
      expect(r.mode).toBe('paid');
      expect(r.amountPaise).toBe(course.pricePaise);
      expect(r.upgradedAt!).toBeGreaterThan(r.registeredAt);
      expect(r.upgradedAt!).toBeLessThanOrEqual(now);
    }
    expect(new Set(registrations.map((r) => r.studentEmail)).size).toBe(registrations.length);
  });

  it('gives seeded students no access code anyone knows, and leaves no dangling reference', () => {
    const hashes = catalog.db.prepare(`SELECT code_hash FROM access_grants`).pluck().all() as string[];
    expect(new Set(hashes).size).toBe(hashes.length);
    // A code's hash is 64 hex digits (hashAccessCode): a seeded grant's can never be one.
    for (const hash of hashes) expect(hash).not.toMatch(/^[0-9a-f]{64}$/);
    expect(hashes).not.toContain(hashAccessCode(''));
    expect(catalog.db.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    expect(catalog.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a second seed adds to the same catalogue without colliding', () => {
    const before = catalog.db.prepare(`SELECT count(*) FROM registrations`).pluck().get() as number;
    const summary = seedCatalogue(catalog, { courses: 100, seed: 9 });
    const after = catalog.db.prepare(`SELECT count(*) FROM registrations`).pluck().get() as number;
    expect(after - before).toBe(summary.registrations + summary.freeEnrolments);
    const counted = catalog.db.prepare(`SELECT sum(registrations + free_enrolments) FROM courses`).pluck().get();
    expect(counted).toBe(after);
  });
});
