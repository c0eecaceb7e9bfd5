import type { AssessmentDefinition } from '../../domain/assessment/assessment.js';
import { checkAssessmentFile } from '../../domain/assessment/assessmentFile.js';
import { assessmentWindow } from '../../domain/assessment/assessmentSchedule.js';
import { changesLockedByAttempts } from '../../domain/assessment/assessmentUpdate.js';
import type { Course } from '../../domain/course.js';
import { formatDeadline } from '../../domain/zonedTime.js';
import { formatInstant } from '../../domain/calendar.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import { AssessmentStore } from '../../store/assessmentStore.js';
import type { StoredAssessment } from '../../store/assessmentStore.js';
import { MaterialStore } from '../../store/materialStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import type { CatalogContext } from '../catalogContext.js';
import { findModule } from '../materials/moduleLookup.js';
import { newAssessmentId } from './assessmentIds.js';
import { locatedProblems, parseDocument, readDocumentText } from './structuredDocument.js';

/** Reads and checks an assessment file: every problem at once, with its path and line; nothing is stored. */
export async function readAssessmentFile(ctx: CatalogContext, file: string): Promise<AssessmentDefinition> {
  const document = await parseDocument(file, readDocumentText(file, 'assessment file'), 'assessment file');
  const result = checkAssessmentFile(document.value, ctx.config.timeZone);
  if (!result.ok) throw new ValidationError(locatedProblems(result.problems, document));
  return result.definition;
}

/** Windows written in different units (a day and a date) can only be checked against the course. */
function windowProblems(definition: AssessmentDefinition, course: Course, timeZone: string): FieldProblem[] {
  const window = assessmentWindow(definition, course, timeZone);
  const problems: FieldProblem[] = [];
  if (window.dueAt <= window.opensAt)
    problems.push({
      field: 'day' in definition.due ? 'dueDay' : 'dueAt',
      message: `it would be due (${formatDeadline(window.dueAt, timeZone)}) before it opens (${formatInstant(window.opensAt, timeZone)}) on course ${course.id} starting ${course.startDate}`,
      hint: 'make it due after it opens',
    });
  return problems;
}

export function getAssessment(ctx: CatalogContext, id: string): StoredAssessment {
  const assessment = new AssessmentStore(ctx.db).get(id.trim());
  if (!assessment)
    throw new NotFoundError(`no assessment with id ${id}`, "list a course's assessments with `catalog assessment list <course-id>`");
  return assessment;
}

/** The course module a file names (by title or id, as materials name them), or null without one. */
function moduleIdOf(ctx: CatalogContext, courseId: string, definition: AssessmentDefinition): string | null {
  return definition.module === null ? null : findModule(new MaterialStore(ctx.db), courseId, definition.module).id;
}

export async function addAssessment(ctx: CatalogContext, courseId: string, file: string): Promise<StoredAssessment> {
  const course = ctx.courses.get(courseId.trim());
  const definition = await readAssessmentFile(ctx, file);
  const problems = windowProblems(definition, course, ctx.config.timeZone);
  if (problems.length) throw new ValidationError(problems);
  const store = new AssessmentStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, () => {
    ctx.courses.get(course.id);
    const moduleId = moduleIdOf(ctx, course.id, definition);
    return store.insert({ id: newAssessmentId(), courseId: course.id, definition, moduleId, now: ctx.clock() });
  });
  return value;
}

/**
 * Replaces an assessment's file. Until a student starts an attempt anything may change; after
 * that only dates, attempts and texts (see changesLockedByAttempts), checked in the same
 * transaction that writes, so an attempt starting meanwhile cannot slip between.
 */
export async function updateAssessment(
  ctx: CatalogContext,
  id: string,
  file: string,
): Promise<{ assessment: StoredAssessment; attemptsStarted: boolean }> {
  const existing = getAssessment(ctx, id);
  const definition = await readAssessmentFile(ctx, file);
  const course = ctx.courses.get(existing.courseId);
  const problems = windowProblems(definition, course, ctx.config.timeZone);
  if (problems.length) throw new ValidationError(problems);
  const store = new AssessmentStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, () => {
    const current = store.get(existing.id)!;
    const attemptsStarted = store.hasAttempts(current.seq);
    if (attemptsStarted) {
      const locked = changesLockedByAttempts(current.definition, definition);
      if (locked.length)
        throw new ConflictError(
          `assessment ${current.id} has attempts, so only its dates, attempts and texts may change; this file also changes ${locked.join(', ')}`,
          'keep those fields as they are (texts are the title, module, prompts and the wording of choices), or add a new assessment',
        );
    }
    return {
      assessment: store.replaceDefinition(current.id, definition, moduleIdOf(ctx, current.courseId, definition), ctx.clock()),
      attemptsStarted,
    };
  });
  return value;
}
