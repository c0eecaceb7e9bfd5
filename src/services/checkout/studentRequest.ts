import { normaliseEmail } from '../../domain/student.js';
import { ValidationError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';

/** What a student's form or a script sends to join a course on the website, as it came. */
export interface StudentRequest {
  courseId: unknown;
  email: unknown;
  name?: unknown;
}

/** The course, email and name of a website request, or every problem with them in the website's words. */
export function readStudentRequest(request: StudentRequest): { courseId: string; email: string; name: string | null } {
  const problems: FieldProblem[] = [];
  const courseId = typeof request.courseId === 'string' ? request.courseId.trim() : '';
  if (!courseId) problems.push({ field: 'courseId', message: 'is missing', hint: 'send the id of the course, e.g. "crs_0a1b2c3d4e"' });
  const email = typeof request.email === 'string' ? normaliseEmail(request.email) : undefined;
  if (!email)
    problems.push({
      field: 'email',
      message:
        typeof request.email === 'string' && request.email.trim() ? `"${request.email.trim()}" is not an email address` : 'is missing',
      hint: 'give the email address to register with, e.g. asha@example.in',
    });
  const name = typeof request.name === 'string' ? request.name.trim() || null : null;
  if (request.name !== undefined && request.name !== null && typeof request.name !== 'string')
    problems.push({ field: 'name', message: 'must be text', hint: 'give the name to show on the registration, or leave it out' });
  if (name !== null && name.length > 200)
    problems.push({ field: 'name', message: 'is longer than 200 characters', hint: 'shorten the name' });
  if (problems.length) throw new ValidationError(problems);
  return { courseId, email: email!, name };
}
