import type { Paise } from '../money.js';

/**
 * What a payment provider tells us about a payment, read from Razorpay's webhook event shape
 * (`{"event", "payload": {"payment": {"entity": {...}}}}`); the test provider sends the same.
 */
export interface PaymentNotice {
  /** payment.captured (money taken), payment.failed, or anything else the account sends (ignored). */
  event: string;
  paymentRef: string;
  /** The provider's order the payment was made against (Razorpay's order_...). */
  providerOrderId: string | null;
  amountPaise: Paise;
  currency: string;
  email: string | null;
  /** When the payment was made (the provider's created_at), epoch ms; null when it did not say. */
  paidAt: number | null;
}

export type NoticeReading =
  | { kind: 'payment'; notice: PaymentNotice }
  /** A well-formed event about something else (order.paid, refund.created...): acknowledged, not acted on. */
  | { kind: 'other'; event: string }
  | { kind: 'malformed'; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a verified webhook body (already JSON-parsed). Events about payments must carry a usable payment. */
export function readPaymentNotice(body: unknown): NoticeReading {
  if (!isObject(body) || typeof body.event !== 'string' || !body.event) return { kind: 'malformed', problem: 'no "event" in the body' };
  const event = body.event;
  if (!event.startsWith('payment.')) return { kind: 'other', event };
  const entity = isObject(body.payload) && isObject(body.payload.payment) ? body.payload.payment.entity : undefined;
  if (!isObject(entity)) return { kind: 'malformed', problem: `${event} without payload.payment.entity` };
  const { id, order_id: orderId, amount, currency, email, created_at: createdAt } = entity;
  if (typeof id !== 'string' || !/^[!-~]{1,200}$/.test(id)) return { kind: 'malformed', problem: 'the payment has no usable id' };
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0)
    return { kind: 'malformed', problem: `payment ${id}: amount is not a whole number of paise` };
  if (typeof currency !== 'string' || !currency) return { kind: 'malformed', problem: `payment ${id}: no currency` };
  if (orderId !== undefined && orderId !== null && typeof orderId !== 'string')
    return { kind: 'malformed', problem: `payment ${id}: order_id is not text` };
  return {
    kind: 'payment',
    notice: {
      event,
      paymentRef: id,
      providerOrderId: orderId || null,
      amountPaise: amount,
      currency: currency.toUpperCase(),
      email: typeof email === 'string' && email ? email : null,
      paidAt: typeof createdAt === 'number' && Number.isFinite(createdAt) && createdAt > 0 ? createdAt * 1000 : null,
    },
  };
}

/** The event body a provider would send for a payment: what the test provider signs and sends itself. */
export function paymentEventBody(
  event: 'payment.captured' | 'payment.failed',
  payment: { id: string; orderId: string; amountPaise: Paise; email: string; paidAt: number; notes?: Record<string, string> },
): string {
  return JSON.stringify({
    entity: 'event',
    event,
    contains: ['payment'],
    payload: {
      payment: {
        entity: {
          id: payment.id,
          entity: 'payment',
          amount: payment.amountPaise,
          currency: 'INR',
          status: event === 'payment.captured' ? 'captured' : 'failed',
          order_id: payment.orderId,
          email: payment.email,
          notes: payment.notes ?? {},
          created_at: Math.floor(payment.paidAt / 1000),
        },
      },
    },
    created_at: Math.floor(payment.paidAt / 1000),
  });
}
