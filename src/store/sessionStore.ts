import type { SessionTimes } from '../domain/studentSession.js';
import type { CatalogDatabase } from './database.js';

export interface StoredSession extends SessionTimes {
  id: number;
  studentId: number;
  studentEmail: string;
  studentName: string | null;
}

/** An enrolment a session opens, and the code hash it was opened with. */
export interface SessionGrant {
  registrationId: number;
  codeHash: string;
}

/** Signed-in browsers (by token hash) and the enrolments each opens. Callers hold the transaction. */
export class SessionStore {
  constructor(private readonly db: CatalogDatabase) {}

  byTokenHash(tokenHash: string): StoredSession | undefined {
    const row = this.db
      .prepare<
        [string],
        { id: number; student_id: number; email: string; name: string | null; created_at: number; last_seen_at: number; expires_at: number }
      >(
        `SELECT ss.id, ss.student_id, s.email, s.name, ss.created_at, ss.last_seen_at, ss.expires_at
         FROM student_sessions ss JOIN students s ON s.id = ss.student_id WHERE ss.token_hash = ?`,
      )
      .get(tokenHash);
    return (
      row && {
        id: row.id,
        studentId: row.student_id,
        studentEmail: row.email,
        studentName: row.name,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      }
    );
  }

  grants(sessionId: number): SessionGrant[] {
    return this.db
      .prepare<[number], { registration_id: number; code_hash: string }>(
        `SELECT registration_id, code_hash FROM student_session_grants WHERE session_id = ? ORDER BY added_at, registration_id`,
      )
      .all(sessionId)
      .map((row) => ({ registrationId: row.registration_id, codeHash: row.code_hash }));
  }

  create(tokenHash: string, studentId: number, now: number, expiresAt: number): number {
    return Number(
      this.db
        .prepare(`INSERT INTO student_sessions (token_hash, student_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)`)
        .run(tokenHash, studentId, now, now, expiresAt).lastInsertRowid,
    );
  }

  addGrant(sessionId: number, grant: SessionGrant, now: number): void {
    this.db
      .prepare(
        `INSERT INTO student_session_grants (session_id, registration_id, code_hash, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (session_id, registration_id) DO UPDATE SET code_hash = excluded.code_hash`,
      )
      .run(sessionId, grant.registrationId, grant.codeHash, now);
  }

  touch(sessionId: number, now: number): void {
    this.db.prepare(`UPDATE student_sessions SET last_seen_at = ? WHERE id = ?`).run(now, sessionId);
  }

  remove(sessionId: number): void {
    this.db.prepare(`DELETE FROM student_session_grants WHERE session_id = ?`).run(sessionId);
    this.db.prepare(`DELETE FROM student_sessions WHERE id = ?`).run(sessionId);
  }

  /** Drops sessions that can no longer sign anyone in. */
  removeEnded(now: number, idleMs: number): void {
    const ended = `SELECT id FROM student_sessions WHERE expires_at <= @now OR last_seen_at <= @idleBefore`;
    const params = { now, idleBefore: now - idleMs };
    this.db.prepare(`DELETE FROM student_session_grants WHERE session_id IN (${ended})`).run(params);
    this.db.prepare(`DELETE FROM student_sessions WHERE id IN (${ended})`).run(params);
  }
}
