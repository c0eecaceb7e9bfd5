import type { CatalogContext } from '../catalogContext.js';
import { readStudentRequest } from '../checkout/studentRequest.js';
import type { StudentRequest } from '../checkout/studentRequest.js';
import { enrolFree } from '../enrolFree.js';
import type { FreeEnrolmentOutcome } from '../enrolFree.js';

/**
 * "Start free" on the website and POST /api/enrol: the request read as the website's forms are,
 * then `enrolFree`, the service behind `catalog enrol` (the same rules: a free course takes a
 * seat, a free start takes none, a paid course without one is refused).
 */
export async function startFree(ctx: CatalogContext, request: StudentRequest): Promise<FreeEnrolmentOutcome> {
  const { courseId, email, name } = readStudentRequest(request);
  return enrolFree(ctx, { courseId, student: email, name: name ?? undefined });
}
