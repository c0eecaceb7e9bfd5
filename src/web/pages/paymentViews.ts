import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import type { Course } from '../../domain/course.js';
import { formatRupees } from '../../domain/money.js';
import { instantInZone } from './format.js';
import { csrfField } from './formParts.js';
import { html } from './html.js';
import type { Html } from './html.js';

function orderSummary(order: CheckoutOrder, course: Course, timeZone: string): Html {
  return html`<dl class="facts order-facts">
<div><dt>Course</dt><dd>${course.title}</dd></div>
<div><dt>Amount</dt><dd>${formatRupees(order.amountPaise)}</dd></div>
<div><dt>Email</dt><dd>${order.email}</dd></div>
<div><dt>Price held until</dt><dd>${instantInZone(order.heldUntil, timeZone)}</dd></div>
</dl>`;
}

/** /pay/test/:orderId: the built-in provider's page. Unmistakably a test: no money moves here. */
export function testPaymentBody(order: CheckoutOrder, course: Course, token: string, timeZone: string): Html {
  return html`<section class="panel payment test-mode">
<p class="test-banner" role="note"><strong>TEST MODE</strong> &middot; no money moves: this page stands in for a payment provider</p>
<h1>Pay ${formatRupees(order.amountPaise)}</h1>
${orderSummary(order, course, timeZone)}
<form method="post" action="/pay/test/${order.id}" class="payment-actions">
${csrfField(token)}
<button type="submit" name="outcome" value="pay" class="button button-primary">Pay ${formatRupees(order.amountPaise)}</button>
<button type="submit" name="outcome" value="decline" class="button">Decline</button>
</form>
</section>`;
}

export interface RazorpayCheckoutOptions {
  keyId: string;
  providerOrderId: string;
  courseTitle: string;
}

/**
 * /pay/razorpay/:orderId: Razorpay Checkout opens over this page (its script, loaded from
 * Razorpay, reads the options from the button's data attributes through razorpay.js). When the
 * payment goes through, the form below carries Razorpay's answer back for its signature check.
 */
export function razorpayPaymentBody(
  order: CheckoutOrder,
  course: Course,
  token: string,
  timeZone: string,
  options: RazorpayCheckoutOptions,
): Html {
  return html`<section class="panel payment">
<h1>Pay ${formatRupees(order.amountPaise)}</h1>
${orderSummary(order, course, timeZone)}
<button type="button" class="button button-primary" id="razorpay-pay"
  data-key="${options.keyId}" data-order="${options.providerOrderId}" data-amount="${order.amountPaise}"
  data-name="${options.courseTitle}" data-email="${order.email}" data-contact-name="${order.name ?? ''}">Pay ${formatRupees(order.amountPaise)} with Razorpay</button>
<p class="form-note" id="razorpay-status" role="status"></p>
<noscript><p class="notice notice-error">Paying with Razorpay needs JavaScript in this browser.</p></noscript>
<form method="post" action="/pay/razorpay/${order.id}/return" id="razorpay-return" hidden>
${csrfField(token)}
<input type="hidden" name="razorpay_payment_id">
<input type="hidden" name="razorpay_order_id">
<input type="hidden" name="razorpay_signature">
</form>
</section>`;
}
