import { holdEndsAt, newOrderId } from '../../domain/checkout/checkoutOrder.js';
import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import { newClaimKeys } from '../../domain/checkout/sealedAccessCode.js';
import { effectivePrice, seatsLeft } from '../../domain/course.js';
import type { Course } from '../../domain/course.js';
import { registrationClosure } from '../../domain/registrationWindow.js';
import { normaliseEmail } from '../../domain/student.js';
import { ConflictError, ValidationError } from '../../errors.js';
import type { FieldProblem } from '../../errors.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { courseForStudents } from '../storefrontCourse.js';
import type { PaymentProvider } from './paymentProvider.js';

/** What the "Register" form and POST /api/checkout are given. */
export interface CheckoutRequest {
  courseId: unknown;
  email: unknown;
  name?: unknown;
}

export interface StartedCheckout {
  order: CheckoutOrder;
  course: Course;
  /** Where the student pays (the provider's page on this site). */
  redirectUrl: string;
  /** The private half of the claim key: for the buyer's browser only (a cookie), never stored. */
  claimKey: string;
}

function validate(request: CheckoutRequest): { courseId: string; email: string; name: string | null } {
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

const CLOSED: Record<string, string> = {
  draft: 'is not open for registration yet',
  stopped: 'is not on sale at the moment',
  archived: 'is no longer offered',
  started: 'has already started; registration has closed',
  'sold-out': 'is sold out',
};

/**
 * Opens a checkout: the price the course costs now (a running sale's included) is held for
 * `payments.holdMinutes`, so a sale that ends while the student pays does not change what they
 * pay. The seat is not reserved: it is taken when the payment is confirmed, and a course that
 * sold out meanwhile makes that payment a refund due (settlePayment.ts), never an extra seat.
 */
export async function startCheckout(ctx: CatalogContext, provider: PaymentProvider, request: CheckoutRequest): Promise<StartedCheckout> {
  const input = validate(request);
  const now = ctx.clock();
  const course = courseForStudents(ctx, input.courseId);
  const closure = registrationClosure({ ...course, seatsLeft: seatsLeft(course) }, now, ctx.config.timeZone);
  if (closure) throw new ConflictError(`"${course.title}" ${CLOSED[closure]}`, 'find another course on the search page');
  const registrations = new RegistrationStore(ctx.db);
  const student = registrations.studentByEmail(input.email);
  const existing = student && registrations.registrationOf(course.id, student.id);
  if (existing && existing.cancelledAt === null)
    throw new ConflictError(
      `${input.email} is already registered for "${course.title}"`,
      'sign in at /me with your email and access code; a lost code can be re-issued by the course team',
    );
  const price = effectivePrice(course, now);
  if (price === 0)
    throw new ConflictError(
      `"${course.title}" is free: there is nothing to pay`,
      'enrol without paying: POST /api/enrol, or "Start free" on its page',
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
  return { order, course, redirectUrl: provider.payPath(order), claimKey: keys.privateKey };
}
