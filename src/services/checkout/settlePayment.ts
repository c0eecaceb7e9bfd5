import { heldPriceAt } from '../../domain/checkout/checkoutOrder.js';
import type { CheckoutOrder, PaymentProviderName } from '../../domain/checkout/checkoutOrder.js';
import type { PaymentNotice } from '../../domain/checkout/paymentNotice.js';
import { sealAccessCode } from '../../security/sealedAccessCode.js';
import { formatRupees, rupeesText } from '../../domain/money.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { CheckoutStore } from '../../store/checkoutStore.js';
import type { NewNotice } from '../../store/checkoutStore.js';
import { inWriteTransaction } from '../../store/registrationWriteLock.js';
import type { CatalogContext } from '../catalogContext.js';
import { registerStudent } from '../registerStudent.js';
import type { RegistrationOutcome } from '../registerStudent.js';

/**
 * What became of a payment notice. `registered`: a new registration; `upgraded`: a free start
 * became a registration (the same access code goes on); `refund-due`: money was
 * captured that could not become one; `refused`: captured for a different amount than the order
 * (a refund is due too); `failed`: the payment failed; `ignored`: nothing to do (an event about
 * something else, an order this catalogue did not open, a payment already settled).
 */
export type SettlementOutcome = 'registered' | 'upgraded' | 'already-registered' | 'refund-due' | 'refused' | 'failed' | 'ignored';

export interface Settlement {
  outcome: SettlementOutcome;
  /** The same notice was already handled: this answer is the one recorded then. */
  replay: boolean;
  orderId: string | null;
  detail: string | null;
}

export interface NoticeDelivery {
  provider: PaymentProviderName;
  /** The provider's id for this delivery's event (X-Razorpay-Event-Id), when it sent one. */
  eventId: string | null;
}

/** One key per event: the provider's event id, else the event and the payment it is about. */
export const eventKeyOf = (notice: Pick<PaymentNotice, 'event' | 'paymentRef'>, eventId: string | null): string =>
  eventId ? `event ${eventId}` : `${notice.event} ${notice.paymentRef}`;

/**
 * Acts on a verified payment notice, once. `payment.captured` for an open order becomes a
 * registration through registerStudent (the same seat, price and sold-out rules as `catalog
 * register`; the payment id is the payment reference), in the same transaction as the order is
 * marked paid and its access code sealed for the buyer. When the registration is refused (sold
 * out meanwhile, the course closed, the student already registered) or the amount differs from
 * the order, the payment is recorded as a refund due instead. Every notice is recorded; a repeated
 * delivery, or the same payment reported again, changes nothing and answers as before.
 */
export async function settlePayment(ctx: CatalogContext, notice: PaymentNotice, delivery: NoticeDelivery): Promise<Settlement> {
  const store = new CheckoutStore(ctx.db);
  const eventKey = eventKeyOf(notice, delivery.eventId);
  const earlier = store.notice(eventKey);
  if (earlier) return { outcome: earlier.outcome as SettlementOutcome, replay: true, orderId: null, detail: earlier.detail };

  const receivedAt = ctx.clock();
  const order = notice.providerOrderId ? store.orderByProviderOrderId(notice.providerOrderId) : undefined;
  const record = (outcome: SettlementOutcome, detail: string | null): NewNotice => ({
    provider: delivery.provider,
    eventKey,
    event: notice.event,
    paymentRef: notice.paymentRef,
    providerOrderId: notice.providerOrderId,
    amountPaise: notice.amountPaise,
    currency: notice.currency,
    receivedAt,
    outcome,
    detail,
  });
  const settled = (outcome: SettlementOutcome, detail: string | null): Settlement => ({
    outcome,
    replay: false,
    orderId: order?.id ?? null,
    detail,
  });
  /** Records the notice (and whatever `alsoDo` writes) in one transaction; a racing twin makes it a replay. */
  const finish = async (outcome: SettlementOutcome, detail: string | null, alsoDo?: (current: CheckoutOrder) => void) => {
    const { value } = await inWriteTransaction(ctx.db, () => {
      if (!store.recordNotice(record(outcome, detail))) return false;
      if (order && alsoDo) alsoDo(store.order(order.id)!);
      return true;
    });
    return value ? settled(outcome, detail) : { ...settled(outcome, detail), replay: true };
  };

  if (!order) return finish('ignored', notice.providerOrderId ? `no order ${notice.providerOrderId} here` : 'the payment names no order');
  if (notice.event === 'payment.failed')
    return finish('failed', 'the provider reported the payment failed', (current) => {
      // A failure reported after a capture (deliveries come in any order) changes nothing.
      if (current.status === 'open') store.settle(order.id, { status: 'failed', paymentRef: notice.paymentRef, paidAt: null }, receivedAt);
    });
  if (notice.event !== 'payment.captured') return finish('ignored', `${notice.event} needs nothing`);
  if (order.paymentRef === notice.paymentRef && order.status !== 'open' && order.status !== 'failed')
    return finish('ignored', `payment ${notice.paymentRef} was already settled (${order.status})`);
  if (order.status === 'paid' || order.status === 'refund_due' || order.status === 'refunded')
    return finish('refused', `order ${order.id} was already settled by payment ${order.paymentRef}; refund ${notice.paymentRef} by hand`);

  const paidAt = notice.paidAt ?? receivedAt;
  if (notice.currency !== order.currency || notice.amountPaise !== order.amountPaise) {
    const problem = `the payment of ${notice.currency === 'INR' ? formatRupees(notice.amountPaise) : `${notice.amountPaise} ${notice.currency} (minor units)`} differs from the order's ${formatRupees(order.amountPaise)}`;
    return finish('refused', problem, () =>
      store.settle(order.id, { status: 'refund_due', paymentRef: notice.paymentRef, paidAt, problem }, receivedAt),
    );
  }

  let result: Settlement | undefined;
  const onRegistered = (outcome: RegistrationOutcome) => {
    const current = store.order(order.id)!;
    if (current.status === 'paid' && current.paymentRef === notice.paymentRef) {
      store.recordNotice(record('already-registered', `registration ${current.registrationId}`));
      result = { ...settled('already-registered', `registration ${current.registrationId}`), replay: true };
      return;
    }
    if (outcome.status === 'registered') {
      store.settle(
        order.id,
        {
          status: 'paid',
          paymentRef: notice.paymentRef,
          paidAt,
          registrationId: outcome.registration.id,
          sealedCode: sealAccessCode(outcome.accessCode, order.claimKey),
        },
        receivedAt,
      );
      store.recordNotice(record('registered', `registration ${outcome.registration.id}`));
      result = settled('registered', `registration ${outcome.registration.id}`);
    } else if (outcome.status === 'upgraded') {
      // A free start paid to continue: the same registration and the same access code the student
      // already holds, so there is no new code to seal for the confirmation page.
      store.settle(
        order.id,
        { status: 'paid', paymentRef: notice.paymentRef, paidAt, registrationId: outcome.registration.id },
        receivedAt,
      );
      store.recordNotice(record('upgraded', `registration ${outcome.registration.id}`));
      result = settled('upgraded', `registration ${outcome.registration.id}`);
    } else if (outcome.paymentApplied) {
      // This payment already registered the student (by `catalog register` with its id, say).
      store.settle(
        order.id,
        { status: 'paid', paymentRef: notice.paymentRef, paidAt, registrationId: outcome.registration.id },
        receivedAt,
      );
      store.recordNotice(record('already-registered', `registration ${outcome.registration.id}`));
      result = settled('already-registered', `registration ${outcome.registration.id}`);
    } else {
      const problem = `${order.email} was already registered for course ${order.courseId} (registration ${outcome.registration.id}) with another payment`;
      store.settle(order.id, { status: 'refund_due', paymentRef: notice.paymentRef, paidAt, problem }, receivedAt);
      store.recordNotice(record('refund-due', problem));
      result = settled('refund-due', problem);
    }
  };
  try {
    await registerStudent(
      ctx,
      {
        courseId: order.courseId,
        student: order.email,
        name: order.name ?? undefined,
        amount: rupeesText(order.amountPaise),
        paymentRef: notice.paymentRef,
        heldPrice: heldPriceAt(order, paidAt),
      },
      { within: onRegistered },
    );
    return result!;
  } catch (error) {
    if (!(error instanceof ConflictError) && !(error instanceof ValidationError)) throw error;
    // Refused by the registration rules, nothing written: the money was taken, so it is owed back.
    const problem = error.message;
    return finish('refund-due', problem, (current) => {
      if (current.status === 'open' || current.status === 'failed')
        store.settle(order.id, { status: 'refund_due', paymentRef: notice.paymentRef, paidAt, problem }, receivedAt);
    });
  }
}
