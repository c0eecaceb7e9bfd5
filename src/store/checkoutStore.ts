import type { CheckoutOrder, OrderStatus, PaymentProviderName } from '../domain/checkout/checkoutOrder.js';
import type { CatalogDatabase } from './database.js';

interface OrderRow {
  id: string;
  course_id: string;
  email: string;
  name: string | null;
  amount_paise: number;
  currency: 'INR';
  provider: PaymentProviderName;
  provider_order_id: string | null;
  created_at: number;
  held_until: number;
  status: OrderStatus;
  payment_ref: string | null;
  paid_at: number | null;
  registration_id: number | null;
  problem: string | null;
  refund_ref: string | null;
  claim_key: string;
  sealed_code: string | null;
}

const orderFromRow = (row: OrderRow): CheckoutOrder => ({
  id: row.id,
  courseId: row.course_id,
  email: row.email,
  name: row.name,
  amountPaise: row.amount_paise,
  currency: row.currency,
  provider: row.provider,
  providerOrderId: row.provider_order_id,
  createdAt: row.created_at,
  heldUntil: row.held_until,
  status: row.status,
  paymentRef: row.payment_ref,
  paidAt: row.paid_at,
  registrationId: row.registration_id,
  problem: row.problem,
  refundRef: row.refund_ref,
  claimKey: row.claim_key,
  sealedCode: row.sealed_code,
});

/** A notice as recorded: what it was about and what was done with it. */
export interface RecordedNotice {
  eventKey: string;
  event: string;
  paymentRef: string | null;
  outcome: string;
  detail: string | null;
}

export interface NewNotice {
  provider: PaymentProviderName;
  eventKey: string;
  event: string;
  paymentRef: string | null;
  providerOrderId: string | null;
  amountPaise: number | null;
  currency: string | null;
  receivedAt: number;
  outcome: string;
  detail: string | null;
}

/** A refund due, with what a person needs to make it. */
export interface RefundDue {
  order: CheckoutOrder;
  courseTitle: string;
}

/** Checkout orders and the payment notices that settle them. Writes run inside the caller's transaction. */
export class CheckoutStore {
  constructor(private readonly db: CatalogDatabase) {}

  insertOrder(order: CheckoutOrder): void {
    this.db
      .prepare(
        `INSERT INTO checkout_orders (id, course_id, email, name, amount_paise, currency, provider, provider_order_id, created_at,
           held_until, status, claim_key, updated_at)
         VALUES (@id, @courseId, @email, @name, @amountPaise, @currency, @provider, @providerOrderId, @createdAt, @heldUntil, @status,
           @claimKey, @createdAt)`,
      )
      .run({
        id: order.id,
        courseId: order.courseId,
        email: order.email,
        name: order.name,
        amountPaise: order.amountPaise,
        currency: order.currency,
        provider: order.provider,
        providerOrderId: order.providerOrderId,
        createdAt: order.createdAt,
        heldUntil: order.heldUntil,
        status: order.status,
        claimKey: order.claimKey,
      });
  }

  order(id: string): CheckoutOrder | undefined {
    const row = this.db.prepare<[string], OrderRow>(`SELECT * FROM checkout_orders WHERE id = ?`).get(id);
    return row && orderFromRow(row);
  }

  orderByProviderOrderId(providerOrderId: string): CheckoutOrder | undefined {
    const row = this.db.prepare<[string], OrderRow>(`SELECT * FROM checkout_orders WHERE provider_order_id = ?`).get(providerOrderId);
    return row && orderFromRow(row);
  }

  setProviderOrderId(id: string, providerOrderId: string, now: number): void {
    this.db.prepare(`UPDATE checkout_orders SET provider_order_id = ?, updated_at = ? WHERE id = ?`).run(providerOrderId, now, id);
  }

  /** Records the payment's result on an order that is still open (or failed: a capture outranks a failure). */
  settle(
    id: string,
    result: {
      status: Exclude<OrderStatus, 'open' | 'refunded'>;
      paymentRef: string | null;
      paidAt: number | null;
      registrationId?: number | null;
      problem?: string | null;
      sealedCode?: string | null;
    },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE checkout_orders SET status = @status, payment_ref = coalesce(@paymentRef, payment_ref), paid_at = coalesce(@paidAt, paid_at),
           registration_id = @registrationId, problem = @problem, sealed_code = @sealedCode, updated_at = @now
         WHERE id = @id`,
      )
      .run({
        id,
        status: result.status,
        paymentRef: result.paymentRef,
        paidAt: result.paidAt,
        registrationId: result.registrationId ?? null,
        problem: result.problem ?? null,
        sealedCode: result.sealedCode ?? null,
        now,
      });
  }

  /** Forgets the sealed access code once it was shown; true when this call was the one that did. */
  forgetSealedCode(id: string, sealedCode: string, now: number): boolean {
    return (
      this.db
        .prepare(`UPDATE checkout_orders SET sealed_code = NULL, updated_at = ? WHERE id = ? AND sealed_code = ?`)
        .run(now, id, sealedCode).changes === 1
    );
  }

  markRefunded(id: string, refundRef: string, now: number): void {
    this.db.prepare(`UPDATE checkout_orders SET status = 'refunded', refund_ref = ?, updated_at = ? WHERE id = ?`).run(refundRef, now, id);
  }

  /** Captured payments that did not become registrations, oldest first; optionally one student's. */
  refundsDue(email?: string): RefundDue[] {
    const rows = this.db
      .prepare<[{ email: string | null }], OrderRow & { course_title: string }>(
        `SELECT o.*, c.title AS course_title FROM checkout_orders o JOIN courses c ON c.id = o.course_id
         WHERE o.status = 'refund_due' AND (@email IS NULL OR o.email = @email)
         ORDER BY o.paid_at, o.id`,
      )
      .all({ email: email ?? null });
    return rows.map((row) => ({ order: orderFromRow(row), courseTitle: row.course_title }));
  }

  notice(eventKey: string): RecordedNotice | undefined {
    const row = this.db
      .prepare<[string], { event_key: string; event: string; payment_ref: string | null; outcome: string; detail: string | null }>(
        `SELECT event_key, event, payment_ref, outcome, detail FROM payment_notices WHERE event_key = ?`,
      )
      .get(eventKey);
    return row && { eventKey: row.event_key, event: row.event, paymentRef: row.payment_ref, outcome: row.outcome, detail: row.detail };
  }

  /** Keeps a notice; a second notice with the same key is ignored (false), so a replay is never acted on twice. */
  recordNotice(notice: NewNotice): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO payment_notices (provider, event_key, event, payment_ref, provider_order_id, amount_paise, currency, received_at, outcome, detail)
           VALUES (@provider, @eventKey, @event, @paymentRef, @providerOrderId, @amountPaise, @currency, @receivedAt, @outcome, @detail)
           ON CONFLICT (event_key) DO NOTHING`,
        )
        .run(notice).changes === 1
    );
  }
}
