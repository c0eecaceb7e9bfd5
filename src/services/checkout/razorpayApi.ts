import { CatalogError, ExitCode } from '../../errors.js';

export interface RazorpaySettings {
  apiBaseUrl: string;
  keyId: string;
  keySecret: string;
  timeoutMs?: number;
}

/** An order as the Orders API answers (the fields used here). */
export interface RazorpayOrder {
  id: string;
  amount: number;
  currency: string;
  receipt: string | null;
  status: string;
}

/** A payment as GET /v1/payments/:id answers (the fields used here). */
export interface RazorpayPayment {
  id: string;
  order_id: string | null;
  amount: number;
  currency: string;
  status: string;
  email: string | null;
  created_at: number | null;
}

const unavailable = (what: string) =>
  new CatalogError(`the payment provider could not ${what}`, ExitCode.failure, 'try again in a moment; nothing was charged by this step');

/**
 * The two calls catalog makes to Razorpay's REST API, with the key id and secret as HTTP Basic
 * credentials. Neither credential ever appears in an error or a log line: a failure is reported
 * by its status and Razorpay's error code only.
 */
export class RazorpayApi {
  constructor(private readonly settings: RazorpaySettings) {}

  /** POST /v1/orders: the amount in paise, our order id as the receipt, notes for the dashboard. */
  async createOrder(request: { amountPaise: number; receipt: string; notes: Record<string, string> }): Promise<RazorpayOrder> {
    const body = await this.call('POST', '/v1/orders', 'create the order', {
      amount: request.amountPaise,
      currency: 'INR',
      receipt: request.receipt,
      notes: request.notes,
    });
    const order = body as Partial<RazorpayOrder>;
    if (typeof order.id !== 'string' || order.amount !== request.amountPaise)
      throw new CatalogError(
        'the payment provider answered the order with something unexpected',
        ExitCode.failure,
        'try again in a moment',
      );
    return order as RazorpayOrder;
  }

  /** GET /v1/payments/:id: whether a payment the browser reports was captured, and for what. */
  async payment(paymentId: string): Promise<RazorpayPayment> {
    const body = (await this.call(
      'GET',
      `/v1/payments/${encodeURIComponent(paymentId)}`,
      'confirm the payment',
    )) as Partial<RazorpayPayment>;
    if (typeof body.id !== 'string' || typeof body.amount !== 'number' || typeof body.status !== 'string')
      throw new CatalogError('the payment provider answered with something unexpected', ExitCode.failure, 'try again in a moment');
    return body as RazorpayPayment;
  }

  private async call(method: 'GET' | 'POST', path: string, what: string, payload?: unknown): Promise<unknown> {
    const { apiBaseUrl, keyId, keySecret } = this.settings;
    let response: Response;
    try {
      response = await fetch(new URL(path, apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`), {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`,
          accept: 'application/json',
          ...(payload !== undefined && { 'content-type': 'application/json' }),
        },
        ...(payload !== undefined && { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch {
      throw unavailable(what);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      let code = '';
      try {
        code = String((JSON.parse(text) as { error?: { code?: unknown } }).error?.code ?? '');
      } catch {
        // not JSON: the status says enough
      }
      throw new CatalogError(
        `the payment provider refused to ${what} (HTTP ${response.status}${code ? `, ${code}` : ''})`,
        ExitCode.failure,
        response.status === 401 ? 'check CATALOG_RAZORPAY_KEY_ID and CATALOG_RAZORPAY_KEY_SECRET' : 'try again in a moment',
      );
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw unavailable(what);
    }
  }
}
