import { findOrder } from '../../services/checkout/orderConfirmation.js';
import { startCheckout } from '../../services/checkout/startCheckout.js';
import { WebRefusal } from '../errorResponse.js';
import type { FastifyInstance } from '../framework.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { setClaimCookie } from '../visitorCookies.js';

/**
 * POST /api/checkout {courseId, email, name}: opens a checkout and answers where to pay; the
 * browser that sent it gets the order's claim key (the cookie that shows the access code once).
 * GET /api/orders/:id: the order's state, which the order page polls while a payment is confirmed.
 */
export async function checkoutApiRoutes(app: FastifyInstance, { writer, payments, cookies }: StorefrontDeps): Promise<void> {
  app.post('/api/checkout', async (request, reply) => {
    // JSON only: a form on another site cannot send it without the browser asking this site first.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
      throw new WebRefusal(415, 'unsupported_media_type', 'send the checkout as JSON', 'set Content-Type: application/json');
    const body = (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Record<
      string,
      unknown
    >;
    const started = await startCheckout(writer, payments, { courseId: body.courseId, email: body.email, name: body.name });
    setClaimCookie(request, reply, cookies, started.order.id, started.claimKey);
    return reply
      .status(201)
      .header('cache-control', 'no-store')
      .send({
        orderId: started.order.id,
        amount: started.order.amountPaise,
        currency: started.order.currency,
        provider: started.order.provider,
        redirectUrl: started.redirectUrl,
        heldUntil: new Date(started.order.heldUntil).toISOString(),
        orderUrl: `/orders/${started.order.id}`,
      });
  });

  app.get<{ Params: { id: string } }>('/api/orders/:id', async (request, reply) => {
    const { order } = findOrder(writer, request.params.id);
    return reply.header('cache-control', 'no-store').send({
      orderId: order.id,
      courseId: order.courseId,
      status: order.status,
      amount: order.amountPaise,
      currency: order.currency,
      provider: order.provider,
      heldUntil: new Date(order.heldUntil).toISOString(),
    });
  });
}
