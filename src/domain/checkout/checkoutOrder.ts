import type { Paise } from '../money.js';

export const PAYMENT_PROVIDERS = ['test', 'razorpay'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * open: waiting for the payment · paid: it became a registration · failed: the provider said the
 * payment failed (or the student declined) · refund_due: money was captured but could not become a
 * registration (sold out meanwhile, amount different from the order...) · refunded: settled.
 */
export type OrderStatus = 'open' | 'paid' | 'failed' | 'refund_due' | 'refunded';

/** A checkout: one student, one course, the price held for a while, and what became of the payment. */
export interface CheckoutOrder {
  id: string;
  courseId: string;
  email: string;
  name: string | null;
  amountPaise: Paise;
  currency: 'INR';
  provider: PaymentProviderName;
  providerOrderId: string | null;
  createdAt: number;
  /** Payments made before this instant pay the held price, whatever the course costs by then. */
  heldUntil: number;
  status: OrderStatus;
  paymentRef: string | null;
  paidAt: number | null;
  registrationId: number | null;
  problem: string | null;
  refundRef: string | null;
  /** The public half of the buyer's claim key (sealedAccessCode.ts). */
  claimKey: string;
  /** The access code sealed to the buyer until it has been shown once. */
  sealedCode: string | null;
}

const ORDER_ID = /^ord_[0-9a-hjkmnp-tv-z]{20}$/;
export const isOrderIdShaped = (text: string): boolean => ORDER_ID.test(text);

export function holdEndsAt(createdAt: number, holdMinutes: number): number {
  return createdAt + holdMinutes * 60_000;
}

/**
 * The price a payment made at `paidAt` must match because the order held it: the order's amount
 * while the hold lasts, else undefined (then the course's price at that moment applies).
 */
export function heldPriceAt(order: Pick<CheckoutOrder, 'amountPaise' | 'heldUntil'>, paidAt: number): Paise | undefined {
  return paidAt < order.heldUntil ? order.amountPaise : undefined;
}

export type PayRefusal = 'settled' | 'expired';

/** Whether the payment page may still take a payment for this order at `now`: null when it may. */
export function payRefusal(order: Pick<CheckoutOrder, 'status' | 'heldUntil'>, now: number): PayRefusal | null {
  if (order.status !== 'open') return 'settled';
  if (now >= order.heldUntil) return 'expired';
  return null;
}
