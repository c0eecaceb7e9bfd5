import { roundFigure, weightedTotal } from '../../domain/assessment/gradebook.js';
import type { Course } from '../../domain/course.js';
import { effectivePrice } from '../../domain/course.js';
import { upgradeRefusal } from '../../domain/enrolmentRules.js';
import type { Paise } from '../../domain/money.js';
import type { CourseModule, Material } from '../../domain/material.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { AccessStore } from '../../store/accessStore.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import { MaterialStore } from '../../store/materialStore.js';
import { accessFor } from '../access/resolveAccess.js';
import type { AccessKey, StudentAccess } from '../access/resolveAccess.js';
import { showAccess } from '../access/studentMaterials.js';
import type { MaterialDecision } from '../access/studentMaterials.js';
import type { CatalogContext } from '../catalogContext.js';
import { listAssessments } from '../assessments/listAssessments.js';
import type { AssessmentView } from '../assessments/listAssessments.js';
import { studentResults } from '../assessments/studentResults.js';
import type { StudentResults } from '../assessments/studentResults.js';
import { viewRefundDue } from '../checkout/refundsDue.js';
import type { RefundDueView } from '../checkout/refundsDue.js';
import type { StudentSession } from './studentSession.js';

/** A course on the student's page: open now, or whose access has ended. */
export type StudentCourseEntry = { course: Course; state: 'open'; access: StudentAccess } | { course: Course; state: 'ended'; why: string };

/**
 * The courses a session opens, in the order they were added, and the student's refunds due.
 * Access is what accessFor answers for each (the same rule as `catalog access show`); a grant
 * whose code was re-issued or whose registration was cancelled opens nothing and is left out.
 */
export function studentCourses(
  ctx: CatalogContext,
  session: StudentSession,
): { courses: StudentCourseEntry[]; refundsDue: RefundDueView[] } {
  const courses: StudentCourseEntry[] = [];
  for (const grant of session.grants) {
    try {
      const access = accessFor(ctx, { codeHash: grant.codeHash });
      courses.push({ course: access.course, state: 'open', access });
    } catch (error) {
      if (error instanceof NotFoundError) continue;
      if (!(error instanceof ConflictError)) throw error;
      const found = new AccessStore(ctx.db).findByCodeHash(grant.codeHash);
      if (found) courses.push({ course: ctx.courses.get(found.enrolment.courseId), state: 'ended', why: error.message });
    }
  }
  const refundsDue = new CheckoutStore(ctx.db)
    .refundsDue(session.email)
    .map((due) => viewRefundDue(due.order, due.courseTitle, ctx.config.timeZone));
  return { courses, refundsDue };
}

/**
 * The key a session holds for one course: the code hash of the grant whose enrolment is on that
 * course. Any other course, another student's included, is "not found", whatever its id.
 */
export function courseKey(ctx: CatalogContext, session: StudentSession, courseId: string): AccessKey {
  const store = new AccessStore(ctx.db);
  for (const grant of session.grants) {
    const found = store.findByCodeHash(grant.codeHash);
    if (found && found.enrolment.courseId === courseId) return { codeHash: grant.codeHash };
  }
  throw new NotFoundError(`you have no course ${courseId} here`, 'your courses are listed on your page; add one with its access code');
}

export interface StudentAssessmentEntry {
  assessment: AssessmentView;
  /** The student's own attempts and counted grade (their extensions included); null when refused. */
  results: StudentResults | null;
  refusal: string | null;
}

/** A free start's way on: pay the price now, by the end of the upgrade's last day. */
export interface UpgradeOffer {
  /** The end of the upgrade's last day in the catalogue's zone (exclusive). */
  by: number;
  price: Paise;
  /** Why it cannot be made now (its deadline passed, the course sold out or off sale); null: it can. */
  refusal: string | null;
}

export interface StudentCourseView {
  access: StudentAccess;
  modules: CourseModule[];
  materials: { material: Material; decision: MaterialDecision }[];
  assessments: StudentAssessmentEntry[];
  /** For a free start: the upgrade that opens the rest of the course (null for a registration). */
  upgrade: UpgradeOffer | null;
  /** The weighted course grade so far (null: practice only, or no assessments). */
  total: { percent: number; passMark: number; passed: boolean } | null;
}

/** Everything the course page of the student area shows, from the services `catalog access` and `assessment` use. */
export function studentCourse(ctx: CatalogContext, key: AccessKey): StudentCourseView {
  const { access, materials } = showAccess(ctx, key);
  const modules = new MaterialStore(ctx.db).modules(access.course.id);
  const assessments = listAssessments(ctx, access.course.id).map((assessment): StudentAssessmentEntry => {
    try {
      return { assessment, results: studentResults(ctx, key, assessment.id), refusal: null };
    } catch (error) {
      if (error instanceof ConflictError) return { assessment, results: null, refusal: error.message };
      throw error;
    }
  });
  const graded = assessments.filter((entry) => entry.results);
  const total = weightedTotal(
    graded.map((entry) => entry.assessment),
    graded.map((entry) => ({ percent: entry.results!.counted.percent })),
  );
  const now = ctx.clock();
  const { freeStart } = access.enrolment;
  const upgrade =
    access.enrolment.mode === 'free' && freeStart
      ? {
          by: freeStart.upgradeBy,
          price: effectivePrice(access.course, now),
          refusal: upgradeRefusal(access.course, now, ctx.config.timeZone)?.message ?? null,
        }
      : null;
  return {
    access,
    modules,
    materials,
    assessments,
    upgrade,
    total:
      total.percent === null ? null : { percent: roundFigure(total.percent), passMark: roundFigure(total.passMark!), passed: total.passed },
  };
}
