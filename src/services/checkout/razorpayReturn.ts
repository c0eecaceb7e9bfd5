import { isPaymentSignatureValid } from '../../security/paymentSignatures.js';
import { UsageError } from '../../errors.js';
import type { CatalogContext } from '../catalogContext.js';
import { findOrder } from './orderConfirmation.js';
import type { RazorpayPaymentProvider } from './paymentProvider.js';
import { settlePayment } from './settlePayment.js';
import type { Settlement } from './settlePayment.js';

/** What Razorpay Checkout hands the page when a payment went through. */
export interface RazorpayReturn {
  paymentId: unknown;
  providerOrderId: unknown;
  signature: unknown;
}

const refused = () =>
  new UsageError(
    'the payment confirmation does not match this order',
    'if you were charged, the payment is confirmed by Razorpay separately: reload the order page in a minute',
  );

/**
 * The browser's word that a payment went through, checked: the signature Razorpay Checkout gives
 * (HMAC-SHA256 of "order_id|payment_id" with the key secret) must match this order, and the
 * payment is then read back from Razorpay. Captured, it is settled exactly as the webhook would
 * settle it (whichever comes first registers; the other finds it done). Authorized but not yet
 * captured, the webhook finishes it.
 */
export async function confirmRazorpayReturn(
  ctx: CatalogContext,
  provider: RazorpayPaymentProvider,
  orderId: string,
  returned: RazorpayReturn,
): Promise<{ orderId: string; settlement: Settlement | null }> {
  const { order } = findOrder(ctx, orderId);
  const { paymentId, providerOrderId, signature } = returned;
  if (typeof paymentId !== 'string' || typeof providerOrderId !== 'string' || typeof signature !== 'string') throw refused();
  if (order.provider !== 'razorpay' || order.providerOrderId !== providerOrderId) throw refused();
  if (!isPaymentSignatureValid(providerOrderId, paymentId, signature, provider.keySecret)) throw refused();
  const payment = await provider.api.payment(paymentId);
  if (payment.order_id !== providerOrderId) throw refused();
  if (payment.status !== 'captured') return { orderId: order.id, settlement: null };
  const settlement = await settlePayment(
    ctx,
    {
      event: 'payment.captured',
      paymentRef: payment.id,
      providerOrderId,
      amountPaise: payment.amount,
      currency: payment.currency.toUpperCase(),
      email: payment.email,
      paidAt: payment.created_at ? payment.created_at * 1000 : null,
    },
    { provider: 'razorpay', eventId: null },
  );
  return { orderId: order.id, settlement };
}
