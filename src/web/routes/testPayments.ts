import { paymentEventBody } from '../../domain/checkout/paymentNotice.js';
import { webhookSignature } from '../../security/paymentSignatures.js';
import type { TestPaymentProvider } from '../../services/checkout/paymentProvider.js';
import type { FastifyInstance } from '../framework.js';
import { field } from '../plugins/forms.js';
import { testPaymentBody } from '../pages/paymentViews.js';
import { orderToPay } from '../orderToPay.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/**
 * The test provider's payment page, /pay/test/:orderId (served only with payments.provider:
 * test). Pay and Decline complete the payment the way a real provider does: a `payment.captured`
 * (or `payment.failed`) event, signed with the webhook secret, sent through POST
 * /webhooks/payments, the same route and checks as Razorpay's.
 */
export async function testPaymentRoutes(app: FastifyInstance, deps: StorefrontDeps, provider: TestPaymentProvider): Promise<void> {
  const { writer, cookies, assets } = deps;
  const timeZone = writer.config.timeZone;
  app.get<{ Params: { orderId: string } }>('/pay/test/:orderId', async (request, reply) => {
    const { order, course, settled } = orderToPay(writer, request.params.orderId, 'test');
    if (settled) return reply.redirect(`/orders/${order.id}`, 303);
    return sendPage(reply, assets, {
      title: `TEST MODE payment \u2013 ${course.title}`,
      body: testPaymentBody(order, course, formToken(request, reply, cookies), timeZone),
      timeZone,
    });
  });

  app.post<{ Params: { orderId: string } }>('/pay/test/:orderId', async (request, reply) => {
    const form = assertFormToken(request, cookies);
    const { order, settled } = orderToPay(writer, request.params.orderId, 'test');
    if (!settled) {
      const body = paymentEventBody(field(form, 'outcome') === 'pay' ? 'payment.captured' : 'payment.failed', {
        id: provider.newPaymentRef(),
        orderId: order.providerOrderId!,
        amountPaise: order.amountPaise,
        email: order.email,
        paidAt: writer.clock(),
      });
      const delivered = await app.inject({
        method: 'POST',
        url: '/webhooks/payments',
        headers: { 'content-type': 'application/json', 'x-razorpay-signature': webhookSignature(body, provider.webhookSecret) },
        payload: body,
      });
      if (delivered.statusCode !== 200)
        throw new Error(`the test payment's webhook was answered ${delivered.statusCode}: ${delivered.body}`);
    }
    return reply.redirect(`/orders/${order.id}`, 303);
  });
}
