import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
/** Compared against when a signature is not even hex, so every refusal does the same work. */
const NOTHING = Buffer.alloc(32);

const hmacHex = (key: string, data: string | Buffer) => createHmac('sha256', key).update(data).digest('hex');

/** Hex signatures compared in constant time (a malformed one still costs a comparison). */
function sameSignature(expectedHex: string, given: string | undefined): boolean {
  const shaped = typeof given === 'string' && HEX_SHA256.test(given.trim());
  const givenBytes = shaped ? Buffer.from(given.trim(), 'hex') : NOTHING;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), givenBytes) && shaped;
}

/**
 * A webhook's signature as Razorpay sends it in X-Razorpay-Signature: the hex HMAC-SHA256 of the
 * raw body, keyed with the webhook secret. The test provider signs its own notices the same way.
 */
export function webhookSignature(rawBody: string | Buffer, webhookSecret: string): string {
  return hmacHex(webhookSecret, rawBody);
}

/** Whether a webhook's body is what the provider signed: checked on the bytes, before anything is parsed. */
export function isWebhookSignatureValid(rawBody: string | Buffer, signature: string | undefined, webhookSecret: string): boolean {
  return sameSignature(webhookSignature(rawBody, webhookSecret), signature);
}

/**
 * What Razorpay Checkout hands the page after a payment (razorpay_signature): the hex
 * HMAC-SHA256 of "order_id|payment_id" keyed with the API key secret.
 */
export function paymentSignature(providerOrderId: string, paymentId: string, keySecret: string): string {
  return hmacHex(keySecret, `${providerOrderId}|${paymentId}`);
}

export function isPaymentSignatureValid(
  providerOrderId: string,
  paymentId: string,
  signature: string | undefined,
  keySecret: string,
): boolean {
  return sameSignature(paymentSignature(providerOrderId, paymentId, keySecret), signature);
}
