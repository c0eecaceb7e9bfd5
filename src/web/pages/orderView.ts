import type { CheckoutOrder } from '../../domain/checkout/checkoutOrder.js';
import type { Course } from '../../domain/course.js';
import { formatRupees } from '../../domain/money.js';
import { calendarDay, instantInZone } from './format.js';
import { html } from './html.js';
import type { Html } from './html.js';

export interface OrderPage {
  order: CheckoutOrder;
  course: Course;
  accessCode: string | null;
  /** Paid for a free start's upgrade: no new code, the one the student has opens everything now. */
  upgraded: boolean;
  timeZone: string;
}

function signInLink(order: CheckoutOrder): Html {
  return html`<a class="button button-primary" href="/me?email=${encodeURIComponent(order.email)}">Sign in to your course</a>`;
}

/**
 * /orders/:id: what became of a checkout. After payment it shows the access code, once; reloaded,
 * it says the code was shown. While the payment is being confirmed the page asks again by itself
 * (student.js), and without JavaScript it says to reload.
 */
export function orderPageBody(page: OrderPage): Html {
  const { order, course } = page;
  const heading = (text: string) =>
    html`<h1>${text}</h1><p class="teacher">${course.title} &middot; starts ${calendarDay(course.startDate)}</p>`;
  switch (order.status) {
    case 'open':
      return html`<section class="panel order" data-order-pending="${order.id}">
${heading('Waiting for your payment')}
<p role="status">We have not heard from the payment provider yet. This page updates by itself when the payment is confirmed; without JavaScript, reload it in a moment.</p>
<p><a href="${order.provider === 'test' ? `/pay/test/${order.id}` : `/pay/razorpay/${order.id}`}">Back to the payment page</a></p>
</section>`;
    case 'paid':
      if (page.upgraded)
        return html`<section class="panel order">
${heading('Your free start is upgraded')}
<p>Payment ${order.paymentRef} of ${formatRupees(order.amountPaise)} received${order.paidAt ? ` on ${instantInZone(order.paidAt, page.timeZone)}` : ''}.</p>
<p id="upgrade-done">Your access code stays the same: it now opens the whole course.</p>
<p><a class="button button-primary" href="/me/courses/${course.id}">Back to your course</a></p>
</section>`;
      return html`<section class="panel order">
${heading('You are registered')}
<p>Payment ${order.paymentRef} of ${formatRupees(order.amountPaise)} received${order.paidAt ? ` on ${instantInZone(order.paidAt, page.timeZone)}` : ''}.</p>
${
  page.accessCode
    ? html`<div class="access-code-box">
<p><strong>Your access code</strong> (shown only this once: copy it now)</p>
<p class="access-code" id="access-code">${page.accessCode}</p>
<p>Sign in with <strong>${order.email}</strong> and this code to open your course's materials and assessments as they are released.</p>
</div>`
    : html`<p>Your access code was shown once, right after the payment. Sign in with it and <strong>${order.email}</strong>; if you lost it, ask the course team for a new one.</p>`
}
<p>${signInLink(order)}</p>
</section>`;
    case 'failed':
      return html`<section class="panel order">
${heading('The payment did not go through')}
<p>Nothing was charged for this order.</p>
<p><a class="button button-primary" href="/courses/${course.id}/register">Try again</a></p>
</section>`;
    case 'refund_due':
      return html`<section class="panel order">
${heading('Your payment will be refunded')}
<div class="notice notice-error" role="alert"><p><strong>We received ${formatRupees(order.amountPaise)} (payment ${order.paymentRef ?? ''}) but could not register you.</strong></p><p>${order.problem ?? ''}</p></div>
<p>A refund of ${formatRupees(order.amountPaise)} is due to you; the course team has been told. <a href="/">Find another course</a>.</p>
</section>`;
    case 'refunded':
      return html`<section class="panel order">
${heading('Your payment was refunded')}
<p>${formatRupees(order.amountPaise)} was refunded (refund ${order.refundRef ?? ''}).</p>
</section>`;
  }
}
