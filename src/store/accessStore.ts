import type { Enrolment } from '../domain/access.js';
import type { CatalogDatabase } from './database.js';

interface GrantRow {
  registration_id: number;
  course_id: string;
  student_id: number;
  email: string;
  name: string | null;
  code_hash: string;
  granted_at: number;
}

/** Access grants: an access code's hash and the enrolment it opens. */
export class AccessStore {
  constructor(private readonly db: CatalogDatabase) {}

  /** The enrolment a code hash opens, with the stored hash (for a constant-time comparison), or undefined. */
  findByCodeHash(codeHash: string): { enrolment: Enrolment; codeHash: string } | undefined {
    const row = this.db
      .prepare<[string], GrantRow>(
        `SELECT r.id AS registration_id, r.course_id, r.student_id, s.email, s.name, g.code_hash, g.created_at AS granted_at
         FROM access_grants g JOIN registrations r ON r.id = g.registration_id JOIN students s ON s.id = r.student_id
         WHERE g.code_hash = ?`,
      )
      .get(codeHash);
    if (!row) return undefined;
    return {
      codeHash: row.code_hash,
      enrolment: {
        registrationId: row.registration_id,
        courseId: row.course_id,
        studentId: row.student_id,
        studentEmail: row.email,
        studentName: row.name,
        mode: 'paid',
        grantedAt: row.granted_at,
        cancelledAt: null,
      },
    };
  }
}
