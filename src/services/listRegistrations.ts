import type { Registration } from '../domain/registration.js';
import { normaliseEmail } from '../domain/student.js';
import { ValidationError } from '../errors.js';
import { RegistrationStore } from '../store/registrationStore.js';
import type { CatalogContext } from './catalogContext.js';

export interface RegistrationListing {
  course?: string | undefined;
  student?: string | undefined;
}

/**
 * Registrations, oldest first. An unknown course is an error (a typo in an id should not look
 * like "nobody registered"); an unknown student simply has no registrations.
 */
export function listRegistrations(ctx: CatalogContext, filter: RegistrationListing = {}): Registration[] {
  let studentEmail: string | undefined;
  if (filter.student !== undefined) {
    studentEmail = normaliseEmail(filter.student);
    if (!studentEmail)
      throw new ValidationError([
        {
          field: 'student',
          message: `"${filter.student}" is not an email address`,
          hint: 'pass --student with the email the student registered with',
        },
      ]);
  }
  if (filter.course !== undefined) ctx.courses.get(filter.course.trim());
  return new RegistrationStore(ctx.db).list({
    ...(filter.course !== undefined && { courseId: filter.course.trim() }),
    ...(studentEmail !== undefined && { studentEmail }),
  });
}
