import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describe as describeCourse } from '../../src/domain/course.js';
import { enrolmentFigures } from '../../src/domain/registration.js';
import { ConflictError, ValidationError } from '../../src/errors.js';
import type { CatalogError } from '../../src/errors.js';
import { resolveAccess } from '../../src/services/access/resolveAccess.js';
import { openMaterial, showAccess } from '../../src/services/access/studentMaterials.js';
import { addAssessment } from '../../src/services/assessments/authorAssessment.js';
import { takeWithAnswers } from '../../src/services/assessments/takeAssessment.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { stopSale } from '../../src/services/courseAvailability.js';
import { setListPrice, startSale } from '../../src/services/coursePricing.js';
import { enrolFree } from '../../src/services/enrolFree.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { addMaterial } from '../../src/services/materials/addMaterial.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { cancelRegistration } from '../../src/services/registrations/cancelRegistration.js';
import { searchCatalogue } from '../../src/services/searchCatalogue.js';
import { RegistrationStore } from '../../src/store/registrationStore.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

// The clock starts at 2026-11-25T06:30Z; courses start on 2027-01-10 in Asia/Kolkata (+05:30), so
// day 3 begins at 2027-01-11T18:30Z and day 4 at 2027-01-12T18:30Z.
const DAY_3 = '2027-01-11T18:30:00.000Z';
const DAY_4 = '2027-01-12T18:30:00.000Z';
const ms = (iso: string) => Date.parse(iso);

async function refusal(work: () => Promise<unknown> | unknown): Promise<CatalogError> {
  try {
    await work();
  } catch (error) {
    return error as CatalogError;
  }
  throw new Error('expected a refusal');
}

describe('free courses, unlimited seats and free starts (services, real SQLite file)', () => {
  const catalog = tempCatalog();
  const store = new RegistrationStore(catalog.db);
  const outbox = (id: string) => catalog.db.prepare('SELECT change FROM outbox WHERE course_id = ? ORDER BY id').pluck().all(id);

  it('a free course: registering needs no amount or payment, still takes a seat and creates access', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '0', seats: '2' }));
    const { outcome } = await registerStudent(catalog, { courseId: id, student: 'asha@example.in' });
    if (outcome.status !== 'registered') throw new Error(outcome.status);
    expect(outcome.registration).toMatchObject({ mode: 'paid', amountPaise: 0, paymentRef: null, upgradedAt: null });
    expect(outcome.course).toMatchObject({ registrations: 1 });
    expect(resolveAccess(catalog, outcome.accessCode).enrolment).toMatchObject({ mode: 'paid', freeStart: null });
    // `enrol` on a free course is the same registration for ₹0, seat included.
    const enrolled = await enrolFree(catalog, { courseId: id, student: 'ravi@example.in' });
    expect(enrolled).toMatchObject({ status: 'enrolled', registration: { mode: 'paid', amountPaise: 0 }, course: { registrations: 2 } });
    // Full now: a free course sells out like any other.
    await expect(registerStudent(catalog, { courseId: id, student: 'meera@example.in' })).rejects.toThrow(/sold out/);
    await expect(enrolFree(catalog, { courseId: id, student: 'meera@example.in' })).rejects.toThrow(ConflictError);
    // A payment for a free course is a mistake (exit 2), and nothing is written.
    const paying = await refusal(() =>
      registerStudent(catalog, {
        courseId: addCourse(catalog, courseInput({ price: '0' })).id,
        student: 'x@example.in',
        amount: '599',
        paymentRef: 'pay_x',
      }),
    );
    expect(paying).toBeInstanceOf(ValidationError);
    expect(paying.message).toMatch(/it is free/);
    expect(store.paymentByReference('pay_x')).toBeUndefined();
    expect(outbox(id)).toEqual(['created', 'registration', 'registration']);
  });

  it('a paid course still needs the amount and the reference (exit 2 naming both)', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '599' }));
    const missing = await refusal(() => registerStudent(catalog, { courseId: id, student: 'asha@example.in' }));
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).problems.map((p) => p.field)).toEqual(['amount', 'payment-ref']);
    expect(catalog.courses.get(id).registrations).toBe(0);
  });

  it('unlimited seats: never sold out, shown as such, and a limit comes back only above the registrations', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '0', seats: 'unlimited', title: 'Open Yoga for Everyone' }));
    for (let i = 0; i < 5; i++) await registerStudent(catalog, { courseId: id, student: `yogi${i}@example.in` });
    const course = catalog.courses.get(id);
    expect(course).toMatchObject({ seats: null, registrations: 5 });
    expect(describeCourse(course, catalog.clock(), 'Asia/Kolkata')).toMatchObject({ seats: null, seatsLeft: null });
    const found = await searchCatalogue(catalog, { text: 'open yoga everyone', available: true }, 'sqlite');
    expect(found.results.map((r) => [r.id, r.seatsLeft])).toEqual([[id, null]]);
    expect(() => editCourse(catalog, id, { seats: '4' })).toThrow(/5 students are registered/);
    expect(editCourse(catalog, id, { seats: '5' }).seats).toBe(5);
    expect(editCourse(catalog, id, { seats: 'unlimited' }).seats).toBeNull();
  });

  describe('a free start', () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '3', freeDays: '2', title: 'Python in Ten Days' }));

    it('enrolment is free, takes no seat and no version, and opens the code; twice is harmless', async () => {
      const versionBefore = catalog.courses.get(course.id).version;
      const first = await enrolFree(catalog, { courseId: course.id, student: 'asha@example.in', name: 'Asha Rao' });
      if (first.status !== 'enrolled') throw new Error(first.status);
      expect(first.registration).toMatchObject({ mode: 'free', amountPaise: 0, paymentRef: null, studentName: 'Asha Rao' });
      expect(first.course).toMatchObject({ registrations: 0, freeEnrolments: 1, freeStarts: 1, version: versionBefore });
      const again = await enrolFree(catalog, { courseId: course.id, student: 'ASHA@example.in' });
      expect(again).toMatchObject({ status: 'already-enrolled', registration: { id: first.registration.id } });
      expect(catalog.courses.get(course.id)).toMatchObject({ freeEnrolments: 1, freeStarts: 1 });
      const access = resolveAccess(catalog, first.accessCode);
      expect(access.enrolment.mode).toBe('free');
      expect(access.enrolment.freeStart).toEqual({ paidFrom: ms(DAY_3), upgradeBy: ms(DAY_4) });
    });

    it('a paid course without a free start refuses, pointing at `register` (exit 4)', async () => {
      const paid = addCourse(catalog, courseInput({ price: '999' }));
      const refused = await refusal(() => enrolFree(catalog, { courseId: paid.id, student: 'asha@example.in' }));
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toBe(`course ${paid.id} costs ₹999 and has no free start`);
      expect(refused.hint).toContain(`catalog register ${paid.id}`);
      expect(listRegistrations(catalog, { course: paid.id })).toEqual([]);
    });

    it('the upgrade is the ordinary registration: one row, one code (the old one still works), the seat taken once', async () => {
      const { outcome: before } = await registerStudent(catalog, {
        courseId: course.id,
        student: 'ravi@example.in',
        amount: '999',
        paymentRef: 'pay_ravi',
      });
      expect(before.status).toBe('registered');
      const enrolled = await enrolFree(catalog, { courseId: course.id, student: 'kavya@example.in' });
      if (enrolled.status !== 'enrolled') throw new Error(enrolled.status);
      const grantsBefore = store.grantCount(course.id);
      const { outcome } = await registerStudent(catalog, {
        courseId: course.id,
        student: 'kavya@example.in',
        amount: '999',
        paymentRef: 'pay_kavya',
      });
      expect(outcome.status).toBe('upgraded');
      expect(outcome.registration).toMatchObject({
        id: enrolled.registration.id,
        mode: 'paid',
        amountPaise: 99900,
        paymentRef: 'pay_kavya',
      });
      expect(outcome.registration.upgradedAt).toBe(catalog.clock());
      expect(outcome.course).toMatchObject({ registrations: 2, freeEnrolments: 1, freeStarts: 2, upgrades: 1 });
      expect(store.grantCount(course.id)).toBe(grantsBefore);
      expect(resolveAccess(catalog, enrolled.accessCode).enrolment).toMatchObject({ mode: 'paid', freeStart: null });
      // Registering again (a retried payment, or a new one) takes no second seat.
      const retry = await registerStudent(catalog, {
        courseId: course.id,
        student: 'kavya@example.in',
        amount: '999',
        paymentRef: 'pay_kavya',
      });
      expect(retry.outcome).toMatchObject({ status: 'already-registered', paymentApplied: true });
      expect(catalog.courses.get(course.id).registrations).toBe(2);
      expect(outbox(course.id).filter((change) => change === 'registration')).toHaveLength(2);
    });

    it('conversion: course show and registrations list tell the same figures', () => {
      const shown = describeCourse(catalog.courses.get(course.id), catalog.clock(), 'Asia/Kolkata');
      expect(shown.enrolments).toEqual({ free: 1, paid: 2 });
      expect(shown.conversion).toEqual({ freeStarts: 2, upgraded: 1, upgradeRate: 0.5 });
      expect(enrolmentFigures(listRegistrations(catalog, { course: course.id }))).toEqual({
        enrolments: shown.enrolments,
        conversion: shown.conversion,
      });
      expect(shown).toMatchObject({ freeDays: 2, upgradeUntil: '2027-01-12', upgradeUntilDay: null });
    });

    it('an upgrade into a sold-out course is refused (exit 4) and the free enrolment keeps what it had', async () => {
      await registerStudent(catalog, { courseId: course.id, student: 'meera@example.in', amount: '999', paymentRef: 'pay_meera' });
      expect(catalog.courses.get(course.id)).toMatchObject({ registrations: 3, seats: 3 });
      const refused = await refusal(() =>
        registerStudent(catalog, { courseId: course.id, student: 'asha@example.in', amount: '999', paymentRef: 'pay_asha' }),
      );
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused.message).toBe(`course ${course.id} is sold out (all 3 seats are taken); the free enrolment keeps what it had`);
      const asha = listRegistrations(catalog, { course: course.id, student: 'asha@example.in' })[0]!;
      expect(asha).toMatchObject({ mode: 'free', upgradedAt: null, paymentRef: null });
      expect(store.paymentByReference('pay_asha')).toBeUndefined();
      // Free starts take no seat: a sold-out course can still be started free.
      expect((await enrolFree(catalog, { courseId: course.id, student: 'late@example.in' })).status).toBe('enrolled');
    });

    it('the free start follows the course rules: it cannot shrink or go with free students on it', () => {
      expect(() => editCourse(catalog, course.id, { freeDays: 'none' })).toThrow(ConflictError);
      expect(() => editCourse(catalog, course.id, { freeDays: '1' })).toThrow(/cannot be removed or shortened/);
      expect(() => setListPrice(catalog, course.id, '0')).toThrow(/a free course has no free start/);
      expect(editCourse(catalog, course.id, { upgradeUntilDay: '5' }).upgradeUntilDay).toBe(5);
    });

    it('cancelling a free enrolment frees no seat and tells search nothing', async () => {
      const late = listRegistrations(catalog, { course: course.id, student: 'late@example.in' })[0]!;
      const before = catalog.courses.get(course.id);
      const outcome = await cancelRegistration(catalog, { registrationId: String(late.id) });
      expect(outcome.course).toMatchObject({
        registrations: before.registrations,
        freeEnrolments: before.freeEnrolments - 1,
        version: before.version,
      });
      expect(outcome.course.freeStarts).toBe(before.freeStarts);
    });
  });

  it('a stopped course takes no free start and no upgrade', async () => {
    const { id } = addCourse(catalog, courseInput({ freeDays: '1' }));
    await enrolFree(catalog, { courseId: id, student: 'asha@example.in' });
    stopSale(catalog, id, 'venue unavailable');
    await expect(enrolFree(catalog, { courseId: id, student: 'ravi@example.in' })).rejects.toThrow(/off sale/);
    await expect(
      registerStudent(catalog, { courseId: id, student: 'asha@example.in', amount: '999', paymentRef: 'pay_stop' }),
    ).rejects.toThrow(/off sale .*keeps what it had/);
  });

  it('a sale to ₹0 makes a course free everywhere while it runs: search, registration, enrolment', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '799', title: 'Watercolour Weekend Free Trial' }));
    const free = async () =>
      (await searchCatalogue(catalog, { text: 'watercolour weekend', free: true }, 'sqlite')).results.map((r) => r.id);
    expect(await free()).toEqual([]);
    startSale(catalog, id, { price: '0', until: '2026-11-30' });
    expect(await free()).toEqual([id]);
    const { outcome } = await registerStudent(catalog, { courseId: id, student: 'asha@example.in' });
    expect(outcome).toMatchObject({ status: 'registered', registration: { mode: 'paid', amountPaise: 0 } });
    expect((await enrolFree(catalog, { courseId: id, student: 'ravi@example.in' })).status).toBe('enrolled');
    // The sale ends by itself: the list price is back in search and at registration.
    catalog.time.set('2026-11-30T18:30:00Z');
    expect(await free()).toEqual([]);
    await expect(registerStudent(catalog, { courseId: id, student: 'kavya@example.in' })).rejects.toThrow(ValidationError);
    await expect(enrolFree(catalog, { courseId: id, student: 'kavya@example.in' })).rejects.toThrow(/has no free start/);
    catalog.time.set('2026-11-25T06:30:00Z');
  });
});

describe('the day N → N+1 boundary of a free start, for materials and assessments alike', () => {
  const catalog = tempCatalog();
  const course = addCourse(catalog, courseInput({ price: '999', freeDays: '2', start: '2027-01-10', end: '2027-01-20' }));
  const note = path.join(catalog.dir, 'note.md');
  fs.writeFileSync(note, 'Read this first.');
  const assessment = (day: number) => {
    const file = path.join(catalog.dir, `day-${day}.yaml`);
    fs.writeFileSync(
      file,
      `title: Day ${day} check\nopensDay: ${day}\ndueDay: 9\nattempts: 0\nquestions:\n  - { id: q1, type: number, prompt: 2 + 2?, answer: 4 }\n`,
    );
    return addAssessment(catalog, course.id, file);
  };

  it('at 23:59:59.999 of day 2 the free days are open; at 00:00 of day 3 the rest opens to paid students only', async () => {
    const day2 = (await addMaterial(catalog, { courseId: course.id, opensDay: '2', title: 'Day 2' }, { notePath: note })).material;
    const day3 = (await addMaterial(catalog, { courseId: course.id, opensDay: '3', title: 'Day 3' }, { notePath: note })).material;
    const preview = (
      await addMaterial(catalog, { courseId: course.id, opensDay: '6', preview: true, title: 'Day 6 preview' }, { notePath: note })
    ).material;
    const graded2 = await assessment(2);
    const graded3 = await assessment(3);
    const free = await enrolFree(catalog, { courseId: course.id, student: 'free@example.in' });
    const { outcome: paid } = await registerStudent(catalog, {
      courseId: course.id,
      student: 'paid@example.in',
      amount: '999',
      paymentRef: 'pay_1',
    });
    if (free.status !== 'enrolled' || paid.status !== 'registered') throw new Error('not enrolled');
    const opens = (code: string) =>
      Object.fromEntries(showAccess(catalog, code).materials.map(({ material, decision }) => [material.id, decision.open]));
    const take = (code: string, id: string) => takeWithAnswers(catalog, code, id, { q1: 4 });

    catalog.time.set(ms(DAY_3) - 1);
    expect(opens(free.accessCode)).toEqual({ [day2.id]: true, [day3.id]: false, [preview.id]: true });
    expect(opens(paid.accessCode)).toEqual({ [day2.id]: true, [day3.id]: false, [preview.id]: true });
    expect((await take(free.accessCode, graded2.id)).percent).toBe(100);
    expect(showAccess(catalog, free.accessCode).materials.find((m) => m.material.id === day3.id)!.decision).toMatchObject({
      reason: 'upgrade-needed',
    });

    catalog.time.set(ms(DAY_3));
    expect(opens(free.accessCode)).toEqual({ [day2.id]: true, [day3.id]: false, [preview.id]: true });
    expect(opens(paid.accessCode)).toEqual({ [day2.id]: true, [day3.id]: true, [preview.id]: true });
    expect(openMaterial(catalog, paid.accessCode, day3.id).material.id).toBe(day3.id);
    const material = await refusal(() => openMaterial(catalog, free.accessCode, day3.id));
    expect(material).toBeInstanceOf(ConflictError);
    expect(material.message).toMatch(
      /is past the free start: it opens once the enrolment is upgraded, which is open until 2027-01-12T23:59:59\+05:30/,
    );
    expect((await take(paid.accessCode, graded3.id)).percent).toBe(100);
    const graded = await refusal(() => take(free.accessCode, graded3.id));
    expect(graded).toBeInstanceOf(ConflictError);
    expect(graded.message).toMatch(new RegExp(`assessment ${graded3.id} is past the free start`));
    // What the free days opened stays open, graded work included.
    expect((await take(free.accessCode, graded2.id)).percent).toBe(100);

    // Upgraded on day 3 (the course has started), the same code opens the rest.
    const { outcome } = await registerStudent(catalog, {
      courseId: course.id,
      student: 'free@example.in',
      amount: '999',
      paymentRef: 'pay_2',
    });
    expect(outcome.status).toBe('upgraded');
    expect(openMaterial(catalog, free.accessCode, day3.id).material.id).toBe(day3.id);
    expect((await take(free.accessCode, graded3.id)).percent).toBe(100);
  });

  it('after the upgrade deadline the free enrolment keeps only what it had, and the upgrade is refused', async () => {
    catalog.time.set('2026-11-25T06:30:00Z');
    const late = await enrolFree(catalog, { courseId: course.id, student: 'late@example.in' });
    if (late.status !== 'enrolled') throw new Error(late.status);
    catalog.time.set(ms(DAY_4));
    const refused = await refusal(() =>
      registerStudent(catalog, { courseId: course.id, student: 'late@example.in', amount: '999', paymentRef: 'pay_late' }),
    );
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toMatch(/closed on 2027-01-12T23:59:59\+05:30; the free enrolment keeps what it had/);
    const decisions = showAccess(catalog, late.accessCode).materials.map(({ decision }) => decision.open);
    expect(decisions).toEqual([true, false, true]);
    expect(
      (await refusal(() => openMaterial(catalog, late.accessCode, showAccess(catalog, late.accessCode).materials[1]!.material.id))).message,
    ).toMatch(/the upgrade closed on 2027-01-12T23:59:59\+05:30/);
  });
});
