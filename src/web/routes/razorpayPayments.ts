import type { RazorpayPaymentProvider } from '../../services/checkout/paymentProvider.js';
import { confirmRazorpayReturn } from '../../services/checkout/razorpayReturn.js';
import type { FastifyInstance } from '../framework.js';
import { field } from '../plugins/forms.js';
import { razorpayPaymentBody } from '../pages/paymentViews.js';
import { razorpayPagePolicy } from '../plugins/security.js';
import { orderToPay } from '../orderToPay.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/**
 * Razorpay's payment page, /pay/razorpay/:orderId (served with payments.provider: razorpay):
 * Razorpay Checkout, loaded from Razorpay, takes the payment over this page. Only this page's
 * Content-Security-Policy lets Razorpay's script and frames in. Its answer comes back to
 * /pay/razorpay/:orderId/return for the signature check; the webhook confirms it as well.
 */
export async function razorpayPaymentRoutes(app: FastifyInstance, deps: StorefrontDeps, provider: RazorpayPaymentProvider): Promise<void> {
  const { writer, cookies, assets } = deps;
  const timeZone = writer.config.timeZone;
  app.get<{ Params: { orderId: string } }>('/pay/razorpay/:orderId', async (request, reply) => {
    const { order, course, settled } = orderToPay(writer, request.params.orderId, 'razorpay');
    if (settled) return reply.redirect(`/orders/${order.id}`, 303);
    reply.header('content-security-policy', razorpayPagePolicy(provider.checkoutScriptUrl));
    return sendPage(reply, assets, {
      title: `Pay for ${course.title} \u2013 Catalog`,
      body: razorpayPaymentBody(order, course, formToken(request, reply, cookies), timeZone, {
        keyId: provider.keyId,
        providerOrderId: order.providerOrderId!,
        courseTitle: course.title,
      }),
      timeZone,
      scripts: [provider.checkoutScriptUrl, assets.url('razorpay.js')],
    });
  });

  app.post<{ Params: { orderId: string } }>('/pay/razorpay/:orderId/return', async (request, reply) => {
    const form = assertFormToken(request, cookies);
    const { orderId } = await confirmRazorpayReturn(writer, provider, request.params.orderId, {
      paymentId: field(form, 'razorpay_payment_id'),
      providerOrderId: field(form, 'razorpay_order_id'),
      signature: field(form, 'razorpay_signature'),
    });
    return reply.redirect(`/orders/${orderId}`, 303);
  });
}
