import { isOrderIdShaped } from '../../domain/checkout/checkoutOrder.js';
import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import { openSealedCode } from '../../security/sealedAccessCode.js';
import type { Course } from '../../domain/course.js';
import { NotFoundError } from '../../errors.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import { RegistrationStore } from '../../store/registrationStore.js';
import type { CatalogContext } from '../catalogContext.js';

export interface OrderConfirmation {
  order: CheckoutOrder;
  course: Course;
  /** The access code, this once: present only for the buyer's browser, the first time it asks after the payment. */
  accessCode: string | null;
  /** The order paid for a free start's upgrade: the student's access code is the one they had. */
  upgraded: boolean;
}

export function findOrder(ctx: CatalogContext, orderId: string): { order: CheckoutOrder; course: Course } {
  const order = isOrderIdShaped(orderId) ? new CheckoutStore(ctx.db).order(orderId) : undefined;
  if (!order) throw new NotFoundError(`no order ${orderId}`, 'start again from the course page');
  return { order, course: ctx.courses.get(order.courseId) };
}

/**
 * An order as its buyer sees it after paying. With the buyer's claim key (the cookie the checkout
 * gave that browser) the access code is opened and forgotten in the same step: it is shown once,
 * and a second request, or anyone else, gets the order without it.
 */
export function orderConfirmation(ctx: CatalogContext, orderId: string, claimKey: string | undefined): OrderConfirmation {
  const { order, course } = findOrder(ctx, orderId);
  const registration = order.registrationId === null ? undefined : new RegistrationStore(ctx.db).registrationById(order.registrationId);
  const upgraded = order.status === 'paid' && registration?.upgradedAt != null;
  if (order.status !== 'paid' || !order.sealedCode || !claimKey) return { order, course, accessCode: null, upgraded };
  const code = openSealedCode(order.sealedCode, claimKey, order.claimKey);
  if (!code) return { order, course, accessCode: null, upgraded };
  const store = new CheckoutStore(ctx.db);
  const won = ctx.db.transaction(() => store.forgetSealedCode(order.id, order.sealedCode!, ctx.clock())).immediate();
  return { order: { ...order, sealedCode: null }, course, accessCode: won ? code : null, upgraded };
}
