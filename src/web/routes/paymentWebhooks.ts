import { readPaymentNotice } from '../../domain/checkout/paymentNotice.js';
import { isWebhookSignatureValid } from '../../security/paymentSignatures.js';
import { settlePayment } from '../../services/checkout/settlePayment.js';
import { WebRefusal } from '../errorResponse.js';
import type { FastifyInstance } from '../framework.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

const MAX_WEBHOOK_BYTES = 64 * 1024;

const header = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * POST /webhooks/payments: payment notices from Razorpay, and from the test provider's own page,
 * in Razorpay's event shape. The body is kept as bytes and its X-Razorpay-Signature (hex
 * HMAC-SHA256 with the webhook secret) checked, in constant time, before anything is parsed: a bad
 * or missing signature is a 400 and nothing is written. Verified notices go to settlePayment,
 * which acts on each once: a repeated delivery is a 200 that changes nothing.
 */
export async function paymentWebhookRoutes(app: FastifyInstance, { writer, payments }: StorefrontDeps): Promise<void> {
  // Only in this plugin's scope: every body arrives as the raw bytes the provider signed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_request, body, done) => done(null, body));

  app.post('/webhooks/payments', { bodyLimit: MAX_WEBHOOK_BYTES }, async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!isWebhookSignatureValid(raw, header(request.headers['x-razorpay-signature']), payments.webhookSecret))
      throw new WebRefusal(
        400,
        'bad_signature',
        'the X-Razorpay-Signature header is missing or does not match the body',
        'sign the raw body with the webhook secret (hex HMAC-SHA256), as Razorpay does',
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new WebRefusal(400, 'bad_request', 'the body is not JSON', 'send the event as Razorpay does: a JSON object');
    }
    const reading = readPaymentNotice(parsed);
    if (reading.kind === 'malformed') throw new WebRefusal(400, 'bad_request', `the event is not usable: ${reading.problem}`);
    if (reading.kind === 'other') return reply.send({ status: 'ignored', replay: false });
    const eventId = header(request.headers['x-razorpay-event-id']) ?? null;
    const settlement = await settlePayment(writer, reading.notice, { provider: payments.name, eventId });
    return reply.send({ status: settlement.outcome, replay: settlement.replay });
  });
}
