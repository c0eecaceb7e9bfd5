import type { Assessment, AssessmentDefinition } from '../domain/assessment/assessment.js';
import type { StudentExtension } from '../domain/assessment/assessmentSchedule.js';
import type { TimedAnswer } from '../domain/assessment/attemptSubmission.js';
import type { CatalogDatabase } from './database.js';

export interface StoredAttempt {
  id: number;
  number: number;
  seed: number;
  startedAt: number;
  answers: Record<string, TimedAnswer>;
  submittedAt: number | null;
  score: number | null;
  maxScore: number | null;
  late: boolean | null;
}

/** One attempt row as the gradebook reads it: answers only for attempts still open. */
export interface GradebookAttemptRow {
  assessmentSeq: number;
  studentId: number;
  number: number;
  startedAt: number;
  submittedAt: number | null;
  score: number | null;
  maxScore: number | null;
  late: boolean | null;
  answers: string | null;
}

export interface GradebookStudent {
  id: number;
  email: string;
  name: string | null;
}

interface AssessmentRow {
  seq: number;
  id: string;
  course_id: string;
  module_id: string | null;
  definition: string;
  version: number;
  created_at: number;
  updated_at: number;
}

interface AttemptRow {
  id: number;
  number: number;
  seed: number;
  started_at: number;
  answers: string;
  submitted_at: number | null;
  score: number | null;
  max_score: number | null;
  late: number | null;
}

export type StoredAssessment = Assessment & { seq: number };

function assessmentFromRow(row: AssessmentRow): StoredAssessment {
  return {
    seq: row.seq,
    id: row.id,
    courseId: row.course_id,
    moduleId: row.module_id,
    definition: JSON.parse(row.definition) as AssessmentDefinition,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function attemptFromRow(row: AttemptRow): StoredAttempt {
  return {
    id: row.id,
    number: row.number,
    seed: row.seed,
    startedAt: row.started_at,
    answers: JSON.parse(row.answers) as Record<string, TimedAnswer>,
    submittedAt: row.submitted_at,
    score: row.score,
    maxScore: row.max_score,
    late: row.late === null ? null : row.late === 1,
  };
}

const ASSESSMENT_COLUMNS = 'seq, id, course_id, module_id, definition, version, created_at, updated_at';

/** Assessments, their attempts and per-student extensions. Writes run inside the caller's transaction. */
export class AssessmentStore {
  constructor(private readonly db: CatalogDatabase) {}

  insert(entry: {
    id: string;
    courseId: string;
    definition: AssessmentDefinition;
    moduleId: string | null;
    now: number;
  }): StoredAssessment {
    this.db
      .prepare(
        `INSERT INTO assessments (id, course_id, title, module, module_id, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.id,
        entry.courseId,
        entry.definition.title,
        entry.definition.module,
        entry.moduleId,
        JSON.stringify(entry.definition),
        entry.now,
        entry.now,
      );
    return this.get(entry.id)!;
  }

  replaceDefinition(id: string, definition: AssessmentDefinition, moduleId: string | null, now: number): StoredAssessment {
    this.db
      .prepare(
        `UPDATE assessments SET title = ?, module = ?, module_id = ?, definition = ?, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(definition.title, definition.module, moduleId, JSON.stringify(definition), now, id);
    return this.get(id)!;
  }

  get(id: string): StoredAssessment | undefined {
    const row = this.db.prepare<[string], AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE id = ?`).get(id);
    return row && assessmentFromRow(row);
  }

  listByCourse(courseId: string): StoredAssessment[] {
    return this.db
      .prepare<[string], AssessmentRow>(`SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE course_id = ? ORDER BY seq`)
      .all(courseId)
      .map(assessmentFromRow);
  }

  hasAttempts(assessmentSeq: number): boolean {
    return (
      this.db
        .prepare<[number], { one: number }>(`SELECT 1 AS one FROM assessment_attempts WHERE assessment_seq = ? LIMIT 1`)
        .get(assessmentSeq) !== undefined
    );
  }

  /** Attempts started by each assessment of a course: for the listing. */
  attemptCounts(courseId: string): Map<number, number> {
    const rows = this.db
      .prepare<[string], { seq: number; n: number }>(
        `SELECT a.seq, count(t.id) AS n FROM assessments a LEFT JOIN assessment_attempts t ON t.assessment_seq = a.seq
         WHERE a.course_id = ? GROUP BY a.seq`,
      )
      .all(courseId);
    return new Map(rows.map((r) => [r.seq, r.n]));
  }

  /** One student's attempts at one assessment, in order: the only attempts a student is ever shown. */
  attemptsOf(assessmentSeq: number, studentId: number): StoredAttempt[] {
    return this.db
      .prepare<[number, number], AttemptRow>(
        `SELECT id, number, seed, started_at, answers, submitted_at, score, max_score, late FROM assessment_attempts
         WHERE assessment_seq = ? AND student_id = ? ORDER BY number`,
      )
      .all(assessmentSeq, studentId)
      .map(attemptFromRow);
  }

  startAttempt(entry: { assessmentSeq: number; studentId: number; number: number; seed: number; now: number }): number {
    return Number(
      this.db
        .prepare(`INSERT INTO assessment_attempts (assessment_seq, student_id, number, seed, started_at) VALUES (?, ?, ?, ?, ?)`)
        .run(entry.assessmentSeq, entry.studentId, entry.number, entry.seed, entry.now).lastInsertRowid,
    );
  }

  saveAnswers(attemptId: number, answers: Record<string, TimedAnswer>): void {
    this.db
      .prepare(`UPDATE assessment_attempts SET answers = ? WHERE id = ? AND submitted_at IS NULL`)
      .run(JSON.stringify(answers), attemptId);
  }

  submitAttempt(
    attemptId: number,
    result: { answers: Record<string, TimedAnswer>; submittedAt: number; score: number; maxScore: number; late: boolean },
  ): void {
    this.db
      .prepare(
        `UPDATE assessment_attempts SET answers = ?, submitted_at = ?, score = ?, max_score = ?, late = ? WHERE id = ? AND submitted_at IS NULL`,
      )
      .run(JSON.stringify(result.answers), result.submittedAt, result.score, result.maxScore, result.late ? 1 : 0, attemptId);
  }

  extensionOf(assessmentSeq: number, studentId: number): StudentExtension | undefined {
    const row = this.db
      .prepare<[number, number], { due_at: number | null; extra_attempts: number }>(
        `SELECT due_at, extra_attempts FROM assessment_extensions WHERE assessment_seq = ? AND student_id = ?`,
      )
      .get(assessmentSeq, studentId);
    return row && { dueAt: row.due_at, extraAttempts: row.extra_attempts };
  }

  saveExtension(assessmentSeq: number, studentId: number, extension: StudentExtension, now: number): void {
    this.db
      .prepare(
        `INSERT INTO assessment_extensions (assessment_seq, student_id, due_at, extra_attempts, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (assessment_seq, student_id) DO UPDATE SET due_at = excluded.due_at, extra_attempts = excluded.extra_attempts, updated_at = excluded.updated_at`,
      )
      .run(assessmentSeq, studentId, extension.dueAt, extension.extraAttempts, now);
  }

  /** Every extension on a course's assessments, by assessment seq and student. */
  extensionsOfCourse(courseId: string): { assessmentSeq: number; studentId: number; extension: StudentExtension }[] {
    return this.db
      .prepare<[string], { assessment_seq: number; student_id: number; due_at: number | null; extra_attempts: number }>(
        `SELECT e.assessment_seq, e.student_id, e.due_at, e.extra_attempts FROM assessment_extensions e
         JOIN assessments a ON a.seq = e.assessment_seq WHERE a.course_id = ?`,
      )
      .all(courseId)
      .map((r) => ({
        assessmentSeq: r.assessment_seq,
        studentId: r.student_id,
        extension: { dueAt: r.due_at, extraAttempts: r.extra_attempts },
      }));
  }

  /** The students enrolled on a course (cancelled registrations left out), by email: the gradebook's rows. */
  enrolledStudents(courseId: string): GradebookStudent[] {
    return this.db
      .prepare<[string], GradebookStudent>(
        `SELECT s.id, s.email, s.name FROM registrations r JOIN students s ON s.id = r.student_id
         WHERE r.course_id = ? AND r.cancelled_at IS NULL ORDER BY s.email`,
      )
      .all(courseId);
  }

  /** Every attempt at a course's assessments, one pass, ordered by student then assessment then number. */
  *courseAttempts(courseId: string): IterableIterator<GradebookAttemptRow> {
    const statement = this.db
      .prepare<[string], [number, number, number, number, number | null, number | null, number | null, number | null, string | null]>(
        `SELECT t.assessment_seq, t.student_id, t.number, t.started_at, t.submitted_at, t.score, t.max_score, t.late,
                CASE WHEN t.submitted_at IS NULL THEN t.answers END
         FROM assessments a JOIN assessment_attempts t ON t.assessment_seq = a.seq
         WHERE a.course_id = ?`,
      )
      .raw(true);
    for (const r of statement.iterate(courseId)) {
      yield {
        assessmentSeq: r[0],
        studentId: r[1],
        number: r[2],
        startedAt: r[3],
        submittedAt: r[4],
        score: r[5],
        maxScore: r[6],
        late: r[7] === null ? null : r[7] === 1,
        answers: r[8],
      };
    }
  }
}
