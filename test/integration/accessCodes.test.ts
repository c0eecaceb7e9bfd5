import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, delayAfter } from '../../src/domain/accessCodeThrottle.js';
import { ConflictError, NotFoundError, TooManyAttemptsError } from '../../src/errors.js';
import { resolveAccess } from '../../src/services/access/resolveAccess.js';
import { contextFor } from '../../src/services/catalogContext.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { cancelRegistration } from '../../src/services/registrations/cancelRegistration.js';
import { reissueAccessCode } from '../../src/services/registrations/reissueAccessCode.js';
import { openDatabase } from '../../src/store/database.js';
import { courseInput } from '../support/courseFactory.js';
import { manualClock, tempCatalog, testConfig } from '../support/tempCatalog.js';

// tempCatalog's clock starts at 2026-11-25T06:30Z; courseInput courses run 2027-01-10 to 2027-01-20.
describe('access codes (service, real SQLite file)', () => {
  let n = 0;
  async function registered(catalog: ReturnType<typeof tempCatalog>, seats = '5') {
    const course = addCourse(catalog, courseInput({ seats }));
    n++;
    const { outcome } = await registerStudent(catalog, {
      courseId: course.id,
      student: `s${n}@example.in`,
      amount: '999',
      paymentRef: `pay_${n}`,
    });
    if (outcome.status !== 'registered') throw new Error('expected a registration');
    return { course, registration: outcome.registration, code: outcome.accessCode };
  }
  const wrongCode = () => `acc_${'0'.repeat(23)}${(n++ % 10).toString()}`;

  it('opens by code, looked up by its hash through the unique index; the code is nowhere in the file', async () => {
    const catalog = tempCatalog();
    const { course, registration, code } = await registered(catalog);
    const access = resolveAccess(catalog, `  ${code.toUpperCase()} `);
    expect(access.course.id).toBe(course.id);
    expect(access.enrolment).toMatchObject({ registrationId: registration.id, mode: 'paid', cancelledAt: null });
    expect(access.accessUntil).toBe(access.enrolment.accessUntil);
    const plan = catalog.db
      .prepare(`EXPLAIN QUERY PLAN SELECT registration_id FROM access_grants WHERE code_hash = ?`)
      .all('x')
      .map((row) => (row as { detail: string }).detail)
      .join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_access_grants_\d \(code_hash=\?\)/);
    catalog.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(catalog.config.databasePath);
    expect(bytes.includes(Buffer.from(code))).toBe(false);
    expect(bytes.includes(Buffer.from(code.slice(4)))).toBe(false);
  });

  it('an unknown, malformed or near-miss code is "not found" and says nothing about the course', async () => {
    const catalog = tempCatalog();
    const { course, code } = await registered(catalog);
    const nearMiss = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    for (const attempt of [nearMiss, 'acc_short', '', `${code}x`]) {
      const error = (() => {
        try {
          resolveAccess(catalog, attempt);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error!.message).not.toContain(course.id);
      expect(error!.message).not.toContain(course.title);
    }
  });

  it('a loop of wrong codes is slowed, across processes: refused before the code is read until the delay passes', async () => {
    const catalog = tempCatalog();
    const { code } = await registered(catalog);
    for (let i = 0; i < FREE_FAILURES + 1; i++) expect(() => resolveAccess(catalog, wrongCode())).toThrow(NotFoundError);
    // A second "process": a fresh connection and context on the same file, same pinned time.
    const clock = manualClock(catalog.time.now());
    const other = contextFor(testConfig(catalog.config.databasePath), openDatabase(catalog.config.databasePath), clock.clock);
    try {
      // Even the right code is refused while the delay runs: a refusal tells nothing about the code.
      const refusal = (() => {
        try {
          resolveAccess(other, code);
        } catch (e) {
          return e;
        }
      })();
      expect(refusal).toBeInstanceOf(TooManyAttemptsError);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as TooManyAttemptsError).retryAt).toBe(catalog.time.now() + delayAfter(FREE_FAILURES + 1));
      clock.set((refusal as TooManyAttemptsError).retryAt);
      expect(resolveAccess(other, code).enrolment.courseId).toBeTruthy();
      // The admitted attempt took the next slot: a parallel one right after it waits again.
      expect(() => resolveAccess(other, code)).toThrow(TooManyAttemptsError);
      // Another requester (the website passes a client address) is not held up by the CLI's failures.
      expect(resolveAccess(other, code, { requester: 'ip:127.0.0.2' }).course).toBeTruthy();
    } finally {
      other.close();
    }
  });

  it('cancelling frees the seat (outbox entry), revokes access, keeps the payment and refund reference; twice is harmless', async () => {
    const catalog = tempCatalog();
    const { course, registration, code } = await registered(catalog, '1');
    expect(catalog.courses.get(course.id).registrations).toBe(1);
    const first = await cancelRegistration(catalog, { registrationId: String(registration.id), refundRef: 'rfnd_1' });
    expect(first.status).toBe('cancelled');
    expect(first.course).toMatchObject({ registrations: 0, version: 3 });
    expect(first.registration).toMatchObject({ cancelledAt: catalog.time.now(), refundRef: 'rfnd_1', paymentRef: registration.paymentRef });
    const outbox = catalog.db
      .prepare(`SELECT course_version AS version, change FROM outbox WHERE course_id = ? ORDER BY id`)
      .all(course.id);
    expect(outbox.at(-1)).toEqual({ version: 3, change: 'cancellation' });
    expect(() => resolveAccess(catalog, code)).toThrow(NotFoundError);
    const payment = catalog.db
      .prepare(`SELECT reference, amount_paise, refund_ref FROM payments WHERE reference = ?`)
      .get(registration.paymentRef);
    expect(payment).toEqual({ reference: registration.paymentRef, amount_paise: 99900, refund_ref: 'rfnd_1' });

    const again = await cancelRegistration(catalog, { registrationId: `#${registration.id}` });
    expect(again.status).toBe('already-cancelled');
    expect(catalog.courses.get(course.id)).toMatchObject({ registrations: 0, version: 3 });
    await expect(cancelRegistration(catalog, { registrationId: String(registration.id), refundRef: 'rfnd_other' })).rejects.toThrow(
      ConflictError,
    );
    await expect(cancelRegistration(catalog, { registrationId: '999999' })).rejects.toThrow(NotFoundError);
    // The freed seat can be sold again; the cancelled student cannot silently come back.
    n++;
    await expect(
      registerStudent(catalog, { courseId: course.id, student: `s${n}@example.in`, amount: '999', paymentRef: `pay_${n}` }),
    ).resolves.toMatchObject({ outcome: { status: 'registered' } });
    await expect(
      registerStudent(catalog, { courseId: course.id, student: registration.studentEmail, amount: '999', paymentRef: 'pay_back' }),
    ).rejects.toThrow(/cancelled/);
  });

  it('a re-issued code works and the old one is not found; a cancelled registration gets none', async () => {
    const catalog = tempCatalog();
    const { registration, code } = await registered(catalog);
    const { accessCode } = await reissueAccessCode(catalog, String(registration.id));
    expect(accessCode).not.toBe(code);
    expect(() => resolveAccess(catalog, code)).toThrow(NotFoundError);
    const access = resolveAccess(catalog, accessCode);
    // Access was granted when the student registered, not when the code was replaced.
    expect(access.enrolment.grantedAt).toBe(registration.registeredAt);
    await cancelRegistration(catalog, { registrationId: String(registration.id) });
    await expect(reissueAccessCode(catalog, String(registration.id))).rejects.toThrow(ConflictError);
  });

  it('access ends the configured days after the course ends (exit 4), and archiving does not end it', async () => {
    const catalog = tempCatalog({ config: { access: { afterEndDays: 2 }, timeZone: 'UTC' } });
    const { course, code } = await registered(catalog);
    catalog.courses.applyPatch(course.id, { status: 'archived' }, 'archived', catalog.time.now());
    catalog.time.set('2027-01-22T23:59:59Z');
    expect(resolveAccess(catalog, code).course.status).toBe('archived');
    catalog.time.set('2027-01-23T00:00:00Z');
    expect(() => resolveAccess(catalog, code)).toThrow(ConflictError);
    expect(() => resolveAccess(catalog, code)).toThrow(/ended on 2027-01-23T00:00:00\+00:00/);
  });
});
