import { holdEndsAt } from '../../domain/checkout/checkoutOrder.js';
import { newOrderId } from '../../security/orderIds.js';
import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import { newClaimKeys } from '../../security/sealedAccessCode.js';
import { studentRegistrationRefusal } from '../../domain/closedCourseNotice.js';
import { effectivePrice } from '../../domain/course.js';
import type { Course } from '../../domain/course.js';
import { refuseIf, upgradeRefusal } from '../../domain/enrolmentRules.js';
import { ConflictError } from '../../errors.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { courseForStudents } from '../storefrontCourse.js';
import type { PaymentProvider } from './paymentProvider.js';
import { readStudentRequest } from './studentRequest.js';
import type { StudentRequest } from './studentRequest.js';

/** What the "Register" form and POST /api/checkout are given. */
export type CheckoutRequest = StudentRequest;

export interface StartedCheckout {
  order: CheckoutOrder;
  course: Course;
  /** Where the student pays (the provider's page on this site). */
  redirectUrl: string;
  /** The private half of the claim key: for the buyer's browser only (a cookie), never stored. */
  claimKey: string;
  /** The order pays for a free start's upgrade: the same access code goes on, none is shown. */
  upgrade: boolean;
}

/**
 * Opens a checkout (a new registration, or the upgrade of the student's free start): the price the course costs now (a running sale's included) is held for
 * `payments.holdMinutes`, so a sale that ends while the student pays does not change what they
 * pay. The seat is not reserved: it is taken when the payment is confirmed, and a course that
 * sold out meanwhile makes that payment a refund due (settlePayment.ts), never an extra seat.
 */
export async function startCheckout(ctx: CatalogContext, provider: PaymentProvider, request: CheckoutRequest): Promise<StartedCheckout> {
  const input = readStudentRequest(request);
  const now = ctx.clock();
  const course = courseForStudents(ctx, input.courseId);
  const registrations = new RegistrationStore(ctx.db);
  const student = registrations.studentByEmail(input.email);
  const existing = student && registrations.registrationOf(course.id, student.id);
  const upgrade = existing?.mode === 'free' && existing.cancelledAt === null;
  if (upgrade) {
    // A free start paying to continue: the upgrade's own rule (its deadline, a seat), not a new registration's.
    const refusal = upgradeRefusal(course, now, ctx.config.timeZone);
    if (refusal) throw new ConflictError(`the upgrade is not open: ${refusal.message}`, 'your free start keeps what it opened');
  } else {
    refuseIf(studentRegistrationRefusal(course, now, ctx.config.timeZone));
  }
  if (existing && existing.cancelledAt === null && !upgrade)
    throw new ConflictError(
      `${input.email} is already registered for "${course.title}"`,
      'sign in at /me with your email and access code; a lost code can be re-issued by the course team',
    );
  const price = effectivePrice(course, now);
  if (price === 0)
    throw new ConflictError(
      `"${course.title}" is free now: there is nothing to pay`,
      upgrade ? 'nothing to upgrade while it costs nothing' : 'enrol without paying: POST /api/enrol, or "Start free" on its page',
    );
  const keys = newClaimKeys();
  const order: CheckoutOrder = {
    id: newOrderId(),
    courseId: course.id,
    email: input.email,
    name: input.name,
    amountPaise: price,
    currency: 'INR',
    provider: provider.name,
    providerOrderId: null,
    createdAt: now,
    heldUntil: holdEndsAt(now, ctx.config.payments.holdMinutes),
    status: 'open',
    paymentRef: null,
    paidAt: null,
    registrationId: null,
    problem: null,
    refundRef: null,
    claimKey: keys.publicKey,
    sealedCode: null,
  };
  const store = new CheckoutStore(ctx.db);
  store.insertOrder(order);
  // Outside any transaction: the provider is a network call. An order it refuses is closed as failed.
  try {
    order.providerOrderId = await provider.openOrder(order, course.title);
  } catch (error) {
    store.settle(order.id, { status: 'failed', paymentRef: null, paidAt: null, problem: (error as Error).message }, ctx.clock());
    throw error;
  }
  store.setProviderOrderId(order.id, order.providerOrderId, ctx.clock());
  return { order, course, redirectUrl: provider.payPath(order), claimKey: keys.privateKey, upgrade };
}
