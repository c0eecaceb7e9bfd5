import { randomBytes } from 'node:crypto';
import type { CatalogConfig } from '../../config/schema.js';
import type { CheckoutOrder, PaymentProviderName } from '../../domain/checkout/checkoutOrder.js';
import { CatalogError, ExitCode } from '../../errors.js';
import { RazorpayApi } from './razorpayApi.js';

/**
 * Where payments are taken. Both providers confirm a payment the same way, with a signed
 * `payment.captured` webhook through POST /webhooks/payments; they differ in how an order is
 * opened with them and on which page the student pays.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** The secret webhooks are signed with (the test provider signs its own). */
  readonly webhookSecret: string;
  /** Opens the order with the provider; answers the provider's id for it. */
  openOrder(order: CheckoutOrder, courseTitle: string): Promise<string>;
  /** The page the student pays on. */
  payPath(order: Pick<CheckoutOrder, 'id'>): string;
}

/** The built-in provider: no money moves; its payment page sends the webhook a real provider would. */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test' as const;
  constructor(readonly webhookSecret: string) {}
  async openOrder(order: CheckoutOrder): Promise<string> {
    return order.id;
  }
  payPath(order: Pick<CheckoutOrder, 'id'>): string {
    return `/pay/test/${order.id}`;
  }
  /** A payment id in Razorpay's style, marked as a test. */
  newPaymentRef(): string {
    return `pay_test_${randomBytes(10).toString('hex')}`;
  }
}

export class RazorpayPaymentProvider implements PaymentProvider {
  readonly name = 'razorpay' as const;
  readonly api: RazorpayApi;
  constructor(
    readonly webhookSecret: string,
    readonly keyId: string,
    readonly keySecret: string,
    readonly checkoutScriptUrl: string,
    apiBaseUrl: string,
  ) {
    this.api = new RazorpayApi({ apiBaseUrl, keyId, keySecret });
  }
  async openOrder(order: CheckoutOrder, courseTitle: string): Promise<string> {
    const opened = await this.api.createOrder({
      amountPaise: order.amountPaise,
      receipt: order.id,
      // Shown on Razorpay's dashboard beside the payment; 256 characters a note at most.
      notes: { orderId: order.id, courseId: order.courseId, course: courseTitle.slice(0, 256), email: order.email },
    });
    return opened.id;
  }
  payPath(order: Pick<CheckoutOrder, 'id'>): string {
    return `/pay/razorpay/${order.id}`;
  }
}

/**
 * The provider the configuration names. Razorpay needs all three secrets from the environment;
 * without one `catalog serve` refuses to start, naming the variable. The test provider signs with
 * CATALOG_PAYMENTS_WEBHOOK_SECRET when set (so a test can sign notices too), else with a secret
 * made for this process.
 */
export function paymentProviderFor(config: CatalogConfig): PaymentProvider {
  const { payments } = config;
  if (payments.provider === 'test') return new TestPaymentProvider(payments.webhookSecret ?? randomBytes(32).toString('hex'));
  const missing = [
    !payments.razorpay.keyId && 'CATALOG_RAZORPAY_KEY_ID',
    !payments.razorpay.keySecret && 'CATALOG_RAZORPAY_KEY_SECRET',
    !payments.webhookSecret && 'CATALOG_PAYMENTS_WEBHOOK_SECRET',
  ].filter((name): name is string => Boolean(name));
  if (missing.length)
    throw new CatalogError(
      `payments.provider is razorpay but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
      ExitCode.usage,
      "set them in catalog serve's environment from Razorpay's dashboard (API keys; the webhook's secret), or use payments.provider: test",
    );
  return new RazorpayPaymentProvider(
    payments.webhookSecret!,
    payments.razorpay.keyId!,
    payments.razorpay.keySecret!,
    payments.razorpay.checkoutScriptUrl,
    payments.razorpay.apiBaseUrl,
  );
}
