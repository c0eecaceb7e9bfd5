import type { EnrolmentRecord } from '../domain/access.js';
import type { CodeFailures } from '../domain/accessCodeThrottle.js';
import type { CatalogDatabase } from './database.js';

interface GrantRow {
  registration_id: number;
  course_id: string;
  student_id: number;
  email: string;
  name: string | null;
  code_hash: string;
  granted_at: number;
  cancelled_at: number | null;
  mode: EnrolmentRecord['mode'];
}

/** Access grants: an access code's hash and the enrolment it opens; and the wrong codes tried. */
export class AccessStore {
  constructor(private readonly db: CatalogDatabase) {}

  /** The enrolment a code hash opens, with the stored hash (for a constant-time comparison), or undefined. */
  findByCodeHash(codeHash: string): { enrolment: EnrolmentRecord; codeHash: string } | undefined {
    // By the unique index on code_hash: the code itself is never stored or compared in clear.
    const row = this.db
      .prepare<[string], GrantRow>(
        `SELECT r.id AS registration_id, r.course_id, r.student_id, s.email, s.name, g.code_hash, g.created_at AS granted_at,
                r.cancelled_at, r.mode
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
        mode: row.mode,
        grantedAt: row.granted_at,
        cancelledAt: row.cancelled_at,
      },
    };
  }

  /** Replaces a registration's code hash: the old code stops opening anything. Call inside a transaction. */
  replaceCode(registrationId: number, codeHash: string, now: number): void {
    this.db.prepare(`UPDATE access_grants SET code_hash = ?, reissued_at = ? WHERE registration_id = ?`).run(codeHash, now, registrationId);
  }

  codeFailures(requester: string): CodeFailures | undefined {
    const row = this.db
      .prepare<[string], { failures: number; last_failure_at: number; next_attempt_at: number }>(
        `SELECT failures, last_failure_at, next_attempt_at FROM access_code_failures WHERE requester = ?`,
      )
      .get(requester);
    return row && { failures: row.failures, lastFailureAt: row.last_failure_at, nextAttemptAt: row.next_attempt_at };
  }

  saveCodeFailures(requester: string, state: CodeFailures): void {
    this.db
      .prepare(
        `INSERT INTO access_code_failures (requester, failures, last_failure_at, next_attempt_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (requester) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
           next_attempt_at = excluded.next_attempt_at`,
      )
      .run(requester, state.failures, state.lastFailureAt, state.nextAttemptAt);
  }

  holdNextAttempt(requester: string, until: number): void {
    this.db.prepare(`UPDATE access_code_failures SET next_attempt_at = max(next_attempt_at, ?) WHERE requester = ?`).run(until, requester);
  }
}
