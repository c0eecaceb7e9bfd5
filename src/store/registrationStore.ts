import type { EnrolmentMode } from '../domain/access.js';
import type { Paise } from '../domain/money.js';
import type { Registration } from '../domain/registration.js';
import type { Student } from '../domain/student.js';
import type { CatalogDatabase } from './database.js';

/** A payment already on record, and the registration it paid for. */
export interface RecordedPayment {
  id: number;
  reference: string;
  studentId: number;
  courseId: string;
  amountPaise: Paise;
  receivedAt: number;
  registrationId: number | null;
}

/** A payment recorded with a registration or an upgrade. */
export interface PaymentRecord {
  reference: string;
  amountPaise: Paise;
}

export interface NewRegistration {
  courseId: string;
  studentId: number;
  mode: EnrolmentMode;
  /** null: nothing was paid (a free start, or a free course). */
  payment: PaymentRecord | null;
  accessCodeHash: string;
  now: number;
}

export interface RegistrationFilter {
  courseId?: string;
  studentEmail?: string;
}

interface RegistrationRow {
  id: number;
  course_id: string;
  course_title: string;
  email: string;
  name: string | null;
  mode: EnrolmentMode;
  amount_paise: number | null;
  reference: string | null;
  registered_at: number;
  upgraded_at: number | null;
  cancelled_at: number | null;
  refund_ref: string | null;
  start_date: string;
  free_days: number | null;
  upgrade_until_day: number | null;
}

const REGISTRATION_SELECT = `
  SELECT r.id, r.course_id, c.title AS course_title, s.email, s.name, r.mode, p.amount_paise, p.reference, r.registered_at,
    r.upgraded_at, r.cancelled_at, p.refund_ref, c.start_date, c.free_days, c.upgrade_until_day
  FROM registrations r
  JOIN courses c ON c.id = r.course_id
  JOIN students s ON s.id = r.student_id
  LEFT JOIN payments p ON p.id = r.payment_id`;

function registrationFromRow(row: RegistrationRow): Registration {
  return {
    id: row.id,
    courseId: row.course_id,
    courseTitle: row.course_title,
    studentEmail: row.email,
    studentName: row.name,
    mode: row.mode,
    amountPaise: row.amount_paise ?? 0,
    paymentRef: row.reference,
    registeredAt: row.registered_at,
    upgradedAt: row.upgraded_at,
    cancelledAt: row.cancelled_at,
    refundRef: row.refund_ref,
    course: { startDate: row.start_date, freeDays: row.free_days, upgradeUntilDay: row.upgrade_until_day },
  };
}

/**
 * Students, their payments, registrations and access grants. Writes here do not run their own
 * transactions: registering is one transaction that also updates the course (see registerStudent).
 */
export class RegistrationStore {
  private readonly statements;

  constructor(readonly db: CatalogDatabase) {
    this.statements = {
      studentByEmail: db.prepare<[string], { id: number; email: string; name: string | null; created_at: number }>(
        `SELECT id, email, name, created_at FROM students WHERE email = ?`,
      ),
      insertStudent: db.prepare<[string, string | null, number]>(`INSERT INTO students (email, name, created_at) VALUES (?, ?, ?)`),
      nameStudent: db.prepare<[string, number]>(`UPDATE students SET name = ? WHERE id = ?`),
      paymentByReference: db.prepare<
        [string],
        {
          id: number;
          reference: string;
          student_id: number;
          course_id: string;
          amount_paise: number;
          received_at: number;
          registration_id: number | null;
        }
      >(`
        SELECT p.id, p.reference, p.student_id, p.course_id, p.amount_paise, p.received_at, r.id AS registration_id
        FROM payments p LEFT JOIN registrations r ON r.payment_id = p.id
        WHERE p.reference = ?`),
      insertPayment: db.prepare<[string, number, string, number, number]>(
        `INSERT INTO payments (reference, student_id, course_id, amount_paise, received_at) VALUES (?, ?, ?, ?, ?)`,
      ),
      insertRegistration: db.prepare<[string, number, number | null, number, EnrolmentMode]>(
        `INSERT INTO registrations (course_id, student_id, payment_id, registered_at, mode) VALUES (?, ?, ?, ?, ?)`,
      ),
      upgradeRegistration: db.prepare<[number | null, number, number]>(
        `UPDATE registrations SET mode = 'paid', payment_id = ?, upgraded_at = ? WHERE id = ? AND mode = 'free' AND cancelled_at IS NULL`,
      ),
      insertGrant: db.prepare<[number, string, number]>(
        `INSERT INTO access_grants (registration_id, code_hash, created_at) VALUES (?, ?, ?)`,
      ),
      registrationById: db.prepare<[number], RegistrationRow>(`${REGISTRATION_SELECT} WHERE r.id = ?`),
      registrationOf: db.prepare<[string, number], RegistrationRow>(`${REGISTRATION_SELECT} WHERE r.course_id = ? AND r.student_id = ?`),
      grantCount: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM access_grants g JOIN registrations r ON r.id = g.registration_id WHERE r.course_id = ?`,
      ),
      grantByHash: db.prepare<[string], { registration_id: number }>(`SELECT registration_id FROM access_grants WHERE code_hash = ?`),
    };
  }

  studentByEmail(email: string): Student | undefined {
    const row = this.statements.studentByEmail.get(email);
    return row && { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
  }

  addStudent(email: string, name: string | null, now: number): Student {
    const id = Number(this.statements.insertStudent.run(email, name, now).lastInsertRowid);
    return { id, email, name, createdAt: now };
  }

  nameStudent(id: number, name: string): void {
    this.statements.nameStudent.run(name, id);
  }

  paymentByReference(reference: string): RecordedPayment | undefined {
    const row = this.statements.paymentByReference.get(reference);
    return (
      row && {
        id: row.id,
        reference: row.reference,
        studentId: row.student_id,
        courseId: row.course_id,
        amountPaise: row.amount_paise,
        receivedAt: row.received_at,
        registrationId: row.registration_id,
      }
    );
  }

  registrationOf(courseId: string, studentId: number): Registration | undefined {
    const row = this.statements.registrationOf.get(courseId, studentId);
    return row && registrationFromRow(row);
  }

  /** Writes the payment (if any), the registration and its access grant. Call inside a transaction. */
  record(entry: NewRegistration): Registration {
    const paymentId = entry.payment && this.recordPayment(entry.payment, entry.studentId, entry.courseId, entry.now);
    const registrationId = Number(
      this.statements.insertRegistration.run(entry.courseId, entry.studentId, paymentId, entry.now, entry.mode).lastInsertRowid,
    );
    this.statements.insertGrant.run(registrationId, entry.accessCodeHash, entry.now);
    return registrationFromRow(this.statements.registrationById.get(registrationId)!);
  }

  /**
   * Turns a free start into a paid enrolment: its payment (none when the upgrade cost ₹0), the
   * time, the mode. The row and its access grant stay, so the student's code keeps working.
   * Call inside a transaction.
   */
  upgrade(
    registration: Pick<Registration, 'id' | 'courseId'>,
    studentId: number,
    payment: PaymentRecord | null,
    now: number,
  ): Registration {
    const paymentId = payment && this.recordPayment(payment, studentId, registration.courseId, now);
    const changed = this.statements.upgradeRegistration.run(paymentId, now, registration.id).changes;
    if (changed !== 1) throw new Error(`registration ${registration.id} is not a free enrolment to upgrade`);
    return registrationFromRow(this.statements.registrationById.get(registration.id)!);
  }

  private recordPayment(payment: PaymentRecord, studentId: number, courseId: string, now: number): number {
    return Number(this.statements.insertPayment.run(payment.reference, studentId, courseId, payment.amountPaise, now).lastInsertRowid);
  }

  registrationById(id: number): Registration | undefined {
    const row = this.statements.registrationById.get(id);
    return row && registrationFromRow(row);
  }

  /** Marks a registration cancelled (its grant stops opening anything). Call inside a transaction. */
  cancel(id: number, now: number): void {
    this.db.prepare(`UPDATE registrations SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL`).run(now, id);
  }

  /** Keeps the refund's reference with the payment a registration was paid by. Call inside a transaction. */
  recordRefund(registrationId: number, refundRef: string): void {
    this.db
      .prepare(`UPDATE payments SET refund_ref = ? WHERE id = (SELECT payment_id FROM registrations WHERE id = ?)`)
      .run(refundRef, registrationId);
  }

  /** Registrations, oldest first, optionally for one course and/or one student. */
  list(filter: RegistrationFilter = {}): Registration[] {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.courseId !== undefined) {
      where.push('r.course_id = @courseId');
      params.courseId = filter.courseId;
    }
    if (filter.studentEmail !== undefined) {
      where.push('s.email = @studentEmail');
      params.studentEmail = filter.studentEmail;
    }
    const sql = `${REGISTRATION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.registered_at, r.id`;
    return this.db.prepare<[Record<string, string>], RegistrationRow>(sql).all(params).map(registrationFromRow);
  }

  /** How many access grants a course has handed out: one per registration or free enrolment, never more. */
  grantCount(courseId: string): number {
    return this.statements.grantCount.get(courseId)!.n;
  }

  /** The registration an access code opens, if any: the only way a code is ever checked. */
  registrationForCode(codeHash: string): number | undefined {
    return this.statements.grantByHash.get(codeHash)?.registration_id;
  }
}
