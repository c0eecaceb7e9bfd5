import type { Course } from '../../domain/course.js';
import type { Registration } from '../../domain/registration.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import type { CatalogContext } from '../catalogContext.js';
import { parseRegistrationId } from './registrationId.js';

export interface CancellationRequest {
  registrationId: string;
  refundRef?: string | undefined;
}

export interface CancellationOutcome {
  /** 'already-cancelled': nothing changed (cancelling twice is harmless), except a refund reference given for the first time. */
  status: 'cancelled' | 'already-cancelled';
  registration: Registration;
  course: Course;
}

const REFUND_REF = /^[!-~]{1,200}$/;

/**
 * Cancels a registration: its seat is free again (an outbox entry tells search), its access
 * code stops opening anything at once, and its payment stays on record with the refund's
 * reference. One IMMEDIATE transaction, like registering, so the seat count never drifts.
 */
export async function cancelRegistration(ctx: CatalogContext, request: CancellationRequest): Promise<CancellationOutcome> {
  const id = parseRegistrationId(request.registrationId);
  const refundRef = request.refundRef?.trim();
  if (refundRef !== undefined && !REFUND_REF.test(refundRef)) {
    throw new ValidationError([
      {
        field: 'refund-ref',
        message: 'the refund reference must be 1–200 printable characters without spaces',
        hint: "pass --refund-ref with the payment provider's id for the refund",
      },
    ]);
  }
  const store = new RegistrationStore(ctx.db);
  const { value } = await inWriteTransaction(ctx.db, (): CancellationOutcome => {
    const now = ctx.clock();
    const registration = store.registrationById(id);
    if (!registration) throw new NotFoundError(`no registration ${id}`, 'list them with `catalog registrations list`');
    if (refundRef !== undefined && registration.refundRef !== null && registration.refundRef !== refundRef) {
      throw new ConflictError(
        `registration ${id} already has refund reference ${registration.refundRef}`,
        'a payment is refunded once; leave out --refund-ref, or check which registration you meant',
      );
    }
    if (refundRef !== undefined && registration.refundRef === null) store.recordRefund(id, refundRef);
    if (registration.cancelledAt !== null) {
      return { status: 'already-cancelled', registration: store.registrationById(id)!, course: ctx.courses.get(registration.courseId) };
    }
    store.cancel(id, now);
    const course = ctx.courses.get(registration.courseId);
    // A free start holds no seat: only a paid enrolment gives one back (and tells search).
    const updated =
      registration.mode === 'free'
        ? ctx.courses.countFreeEnrolmentEnded(course.id)
        : ctx.courses.applyPatch(course.id, { registrations: course.registrations - 1 }, 'cancellation', now);
    return { status: 'cancelled', registration: store.registrationById(id)!, course: updated };
  });
  return value;
}
