import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import { formatInstant } from '../../domain/calendar.js';
import { paiseToRupees } from '../../domain/money.js';
import { normaliseEmail } from '../../domain/student.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** What `registrations list --refunds-due --json` prints for each payment owed back. */
export interface RefundDueView {
  orderId: string;
  courseId: string;
  courseTitle: string;
  student: string;
  name: string | null;
  amount: number;
  provider: string;
  paymentRef: string;
  paidAt: string | null;
  reason: string;
}

/** Times in the catalogue's zone with the offset, as everywhere else. */
export const viewRefundDue = (order: CheckoutOrder, courseTitle: string, timeZone: string): RefundDueView => ({
  orderId: order.id,
  courseId: order.courseId,
  courseTitle,
  student: order.email,
  name: order.name,
  amount: paiseToRupees(order.amountPaise),
  provider: order.provider,
  paymentRef: order.paymentRef ?? '',
  paidAt: order.paidAt === null ? null : formatInstant(order.paidAt, timeZone),
  reason: order.problem ?? '',
});

/** Payments captured that did not become registrations, oldest first; optionally one student's. */
export function listRefundsDue(
  ctx: CatalogContext,
  filter: { student?: string | undefined; course?: string | undefined } = {},
): RefundDueView[] {
  let email: string | undefined;
  if (filter.student !== undefined) {
    email = normaliseEmail(filter.student);
    if (!email)
      throw new ValidationError([
        {
          field: 'student',
          message: `"${filter.student}" is not an email address`,
          hint: 'pass --student with the email the student paid with',
        },
      ]);
  }
  const courseId = filter.course?.trim();
  if (courseId !== undefined) ctx.courses.get(courseId);
  return new CheckoutStore(ctx.db)
    .refundsDue(email)
    .filter((due) => courseId === undefined || due.order.courseId === courseId)
    .map((due) => viewRefundDue(due.order, due.courseTitle, ctx.config.timeZone));
}

/** Marks a refund due as made, keeping the provider's refund reference; it leaves the list. */
export function recordRefundMade(ctx: CatalogContext, orderId: string, refundRef: string): RefundDueView {
  const ref = refundRef.trim();
  if (!/^[!-~]{1,200}$/.test(ref))
    throw new ValidationError([
      {
        field: 'refund-ref',
        message: 'must be 1 to 200 printable characters without spaces',
        hint: "pass the payment provider's refund id",
      },
    ]);
  const store = new CheckoutStore(ctx.db);
  return ctx.db
    .transaction(() => {
      const order = store.order(orderId.trim());
      if (!order) throw new NotFoundError(`no order ${orderId.trim()}`, 'see them with `catalog registrations list --refunds-due`');
      if (order.status !== 'refund_due')
        throw new ConflictError(
          `order ${order.id} has no refund due (it is ${order.status})`,
          'see them with `catalog registrations list --refunds-due`',
        );
      store.markRefunded(order.id, ref, ctx.clock());
      return viewRefundDue({ ...order, status: 'refunded', refundRef: ref }, ctx.courses.get(order.courseId).title, ctx.config.timeZone);
    })
    .immediate();
}
