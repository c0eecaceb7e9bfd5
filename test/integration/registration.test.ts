import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { hashAccessCode } from '../../src/security/accessCodes.js';
import { CatalogError, ConflictError, NotFoundError, ValidationError } from '../../src/errors.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { stopSale } from '../../src/services/courseAvailability.js';
import { startSale } from '../../src/services/coursePricing.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import type { RegistrationRequest } from '../../src/services/registerStudent.js';
import { RegistrationStore } from '../../src/store/registrationStore.js';
import { inWriteTransaction } from '../../src/store/registrationWriteLock.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

// tempCatalog's clock starts at 2026-11-25T06:30Z; courseInput courses start on 2027-01-10.
describe('registering a paying student (service, real SQLite file)', () => {
  const catalog = tempCatalog();
  const store = new RegistrationStore(catalog.db);
  let ref = 0;
  const request = (courseId: string, overrides: Partial<RegistrationRequest> = {}): RegistrationRequest => ({
    courseId,
    student: `student${++ref}@example.in`,
    amount: '999',
    paymentRef: `pay_${ref}`,
    ...overrides,
  });
  const outbox = (id: string) =>
    catalog.db.prepare('SELECT course_version AS version, change FROM outbox WHERE course_id = ? ORDER BY id').all(id);

  it('writes student, payment, registration, grant, the count and an outbox entry together', async () => {
    const { id } = addCourse(catalog, courseInput({ seats: '2' }));
    const { outcome } = await registerStudent(catalog, request(id, { student: '  Asha.Rao@Example.IN ', name: 'Asha Rao' }));
    if (outcome.status !== 'registered') throw new Error(`expected a registration, got ${outcome.status}`);
    expect(outcome.registration).toMatchObject({
      courseId: id,
      studentEmail: 'asha.rao@example.in',
      studentName: 'Asha Rao',
      amountPaise: 99900,
    });
    expect(outcome.course).toMatchObject({ registrations: 1, version: 2 });
    expect(outbox(id)).toEqual([
      { version: 1, change: 'created' },
      { version: 2, change: 'registration' },
    ]);
    expect(outcome.accessCode).toMatch(/^acc_[0-9a-hjkmnp-tv-z]{24}$/);
    // Only the hash is stored: the code opens the registration, and appears nowhere in the file.
    expect(store.registrationForCode(hashAccessCode(outcome.accessCode))).toBe(outcome.registration.id);
    const stored = catalog.db.prepare('SELECT * FROM access_grants').all();
    expect(JSON.stringify(stored)).not.toContain(outcome.accessCode);
    expect(store.grantCount(id)).toBe(1);
  });

  it('sells the last seat once, then refuses with a conflict', async () => {
    const { id } = addCourse(catalog, courseInput({ seats: '1' }));
    await registerStudent(catalog, request(id));
    await expect(registerStudent(catalog, request(id))).rejects.toThrow(ConflictError);
    await expect(registerStudent(catalog, request(id))).rejects.toThrow(/sold out/);
    expect(catalog.courses.get(id).registrations).toBe(1);
    expect(listRegistrations(catalog, { course: id })).toHaveLength(1);
  });

  it('re-registering takes no second seat and leaves a new payment unrecorded', async () => {
    const { id } = addCourse(catalog, courseInput({ seats: '5' }));
    const first = await registerStudent(catalog, request(id, { student: 'ravi@example.in', paymentRef: 'pay_ravi_1' }));
    const retry = await registerStudent(catalog, request(id, { student: 'RAVI@example.in', paymentRef: 'pay_ravi_1' }));
    const again = await registerStudent(catalog, request(id, { student: 'ravi@example.in', paymentRef: 'pay_ravi_2' }));
    expect(retry.outcome).toMatchObject({ status: 'already-registered', paymentApplied: true });
    expect(again.outcome).toMatchObject({ status: 'already-registered', paymentApplied: false });
    expect(again.outcome.registration.id).toBe(first.outcome.registration.id);
    expect(catalog.courses.get(id)).toMatchObject({ registrations: 1, version: 2 });
    expect(store.paymentByReference('pay_ravi_2')).toBeUndefined();
    // The unrecorded reference still pays for another course.
    const other = addCourse(catalog, courseInput());
    expect(
      (await registerStudent(catalog, request(other.id, { student: 'ravi@example.in', paymentRef: 'pay_ravi_2' }))).outcome.status,
    ).toBe('registered');
  });

  it('refuses a payment reference used before, whoever used it', async () => {
    const { id } = addCourse(catalog, courseInput());
    await registerStudent(catalog, request(id, { paymentRef: 'pay_once' }));
    const reuse = registerStudent(catalog, request(id, { paymentRef: 'pay_once' }));
    await expect(reuse).rejects.toThrow(ConflictError);
    await expect(registerStudent(catalog, request(addCourse(catalog, courseInput()).id, { paymentRef: 'pay_once' }))).rejects.toThrow(
      /already used/,
    );
  });

  it('charges the sale price while the sale runs and the list price after it ends', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    startSale(catalog, id, { price: '749.50', until: '2026-11-30' });
    await expect(registerStudent(catalog, request(id, { amount: '999' }))).rejects.toThrow(/₹749.50 \(the sale price/);
    expect((await registerStudent(catalog, request(id, { amount: '749.5' }))).outcome.registration.amountPaise).toBe(74950);
    catalog.time.set('2026-12-05T00:00:00Z');
    try {
      await expect(registerStudent(catalog, request(id, { amount: '749.50' }))).rejects.toThrow(ValidationError);
      expect((await registerStudent(catalog, request(id, { amount: '999' }))).outcome.status).toBe('registered');
    } finally {
      catalog.time.set('2026-11-25T06:30:00Z');
    }
  });

  it('refuses drafts, stopped, archived and started courses, each saying why', async () => {
    const draft = addCourse(catalog, courseInput({ status: 'draft' }));
    await expect(registerStudent(catalog, request(draft.id))).rejects.toThrow(/is a draft/);
    const stopped = addCourse(catalog, courseInput());
    stopSale(catalog, stopped.id, 'venue flooded');
    await expect(registerStudent(catalog, request(stopped.id))).rejects.toThrow(/off sale \(venue flooded\)/);
    // The start date is a date in Asia/Kolkata: 2027-01-10 begins at 2027-01-09T18:30Z.
    const starting = addCourse(catalog, courseInput({ start: '2027-01-10', end: '2027-01-12' }));
    catalog.time.set('2027-01-09T18:29:59Z');
    try {
      expect((await registerStudent(catalog, request(starting.id))).outcome.status).toBe('registered');
      catalog.time.set('2027-01-09T18:30:00Z');
      await expect(registerStudent(catalog, request(starting.id))).rejects.toThrow(/started on 2027-01-10/);
    } finally {
      catalog.time.set('2026-11-25T06:30:00Z');
    }
    await expect(registerStudent(catalog, request('crs_missing'))).rejects.toThrow(NotFoundError);
    expect(catalog.courses.get(stopped.id).registrations).toBe(0);
  });

  it('rejects bad input before touching the database', async () => {
    const { id } = addCourse(catalog, courseInput());
    const attempt = registerStudent(catalog, { courseId: id, student: 'not-an-email', amount: 'ten', paymentRef: 'has space' });
    await expect(attempt).rejects.toMatchObject({
      exitCode: 2,
      problems: [{ field: 'student' }, { field: 'amount' }, { field: 'payment-ref' }],
    });
    expect(catalog.courses.get(id).registrations).toBe(0);
  });

  it('lists registrations by course and by student', async () => {
    const a = addCourse(catalog, courseInput());
    const b = addCourse(catalog, courseInput());
    await registerStudent(catalog, request(a.id, { student: 'meera@example.in' }));
    await registerStudent(catalog, request(b.id, { student: 'meera@example.in' }));
    await registerStudent(catalog, request(a.id));
    expect(listRegistrations(catalog, { student: 'Meera@Example.in' }).map((r) => r.courseId)).toEqual([a.id, b.id]);
    expect(listRegistrations(catalog, { course: a.id })).toHaveLength(2);
    expect(listRegistrations(catalog, { course: a.id, student: 'meera@example.in' })).toHaveLength(1);
    expect(listRegistrations(catalog, { student: 'nobody@example.in' })).toEqual([]);
    expect(() => listRegistrations(catalog, { course: 'crs_missing' })).toThrow(NotFoundError);
  });
});

describe('waiting for the write lock', () => {
  const catalog = tempCatalog();

  it('retries while another connection holds the lock, and counts the waits', async () => {
    const other = new Database(catalog.config.databasePath);
    other.exec('BEGIN IMMEDIATE');
    const { value, waits } = await inWriteTransaction(catalog.db, () => 'written', {
      onRetry: (w) => {
        if (w.retries === 3) other.exec('COMMIT');
      },
    });
    other.close();
    expect(value).toBe('written');
    expect(waits.retries).toBe(3);
  });

  it('gives up with a user error, not SQLITE_BUSY, when the lock never comes', async () => {
    const other = new Database(catalog.config.databasePath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const attempt = inWriteTransaction(catalog.db, () => 'never', { patienceMs: 50 });
      await expect(attempt).rejects.toThrow(CatalogError);
      await expect(attempt).rejects.toThrow(/stayed busy/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // The connection's own busy timeout is back for everything else.
    expect(catalog.db.pragma('busy_timeout', { simple: true })).toBe(10_000);
  });
});
