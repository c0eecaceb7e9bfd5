import { payRefusal } from '../domain/checkout/checkoutOrder.js';
import type { CheckoutOrder, PaymentProviderName } from '../domain/checkout/checkoutOrder.js';
import type { Course } from '../domain/course.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { CatalogContext } from '../services/catalogContext.js';
import { findOrder } from '../services/checkout/orderConfirmation.js';
import { instantInZone } from './pages/format.js';

const PROVIDER_WORDS: Record<PaymentProviderName, string> = { test: 'test', razorpay: 'Razorpay' };

export interface OrderToPay {
  order: CheckoutOrder;
  course: Course;
  /** Paid, failed or refunded meanwhile: the order page says how, there is nothing left to pay. */
  settled: boolean;
}

/**
 * The order a provider's payment page is for, both its page and its answer: only that provider's
 * own orders (another's is not found there), and only while the price is held (after that the
 * student starts again at today's price).
 */
export function orderToPay(ctx: CatalogContext, orderId: string, provider: PaymentProviderName): OrderToPay {
  const { order, course } = findOrder(ctx, orderId);
  if (order.provider !== provider || !order.providerOrderId)
    throw new NotFoundError(`no ${PROVIDER_WORDS[provider]} payment for order ${orderId}`, 'start again from the course page');
  const refusal = payRefusal(order, ctx.clock());
  if (refusal === 'expired')
    throw new ConflictError(
      `the price of this order was held until ${instantInZone(order.heldUntil, ctx.config.timeZone)}`,
      `start again from the course page: /courses/${course.id}/register`,
    );
  return { order, course, settled: refusal === 'settled' };
}
