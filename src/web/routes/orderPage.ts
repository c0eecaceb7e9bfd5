import { orderConfirmation } from '../../services/checkout/orderConfirmation.js';
import type { FastifyInstance } from '../framework.js';
import { orderPageBody } from '../pages/orderView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { clearClaimCookie, readClaimCookie } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/** GET /orders/:id: the confirmation. The buyer's browser sees the access code here once; then the claim cookie goes. */
export async function orderPageRoutes(app: FastifyInstance, { writer, cookies, assets }: StorefrontDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const { order, course, accessCode, upgraded } = orderConfirmation(writer, request.params.id, readClaimCookie(request, cookies));
    if (accessCode) clearClaimCookie(request, reply, cookies, order.id);
    const timeZone = writer.config.timeZone;
    return sendPage(reply, assets, {
      title: `Your order for ${course.title} \u2013 Catalog`,
      body: orderPageBody({ order, course, accessCode, upgraded, timeZone }),
      timeZone,
      scripts: [assets.url('student.js')],
    }).header('referrer-policy', 'no-referrer');
  });
}
