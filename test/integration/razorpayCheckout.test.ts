import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { courseInput } from '../support/courseFactory.js';
import { checkoutServer, WEBHOOK_SECRET } from '../web/checkoutServer.js';
import { FormClient } from '../web/formClient.js';

const KEY_ID = 'rzp_test_1DP5mmOlF5G5ag';
const KEY_SECRET = 'thisisthekeysecret0000000';

interface FakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | null;
}

/** A tiny stand-in for Razorpay's API: the Orders API and the payment lookup, as the documentation describes them. */
async function fakeRazorpay() {
  const requests: FakeRequest[] = [];
  const payments = new Map<string, Record<string, unknown>>();
  let refuse = false;
  let orders = 0;
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk));
    request.on('end', () => {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      requests.push({ method: request.method!, path: request.url!, authorization: request.headers.authorization, body });
      const answer = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      const expected = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;
      if (refuse || request.headers.authorization !== expected)
        return answer(401, { error: { code: 'BAD_REQUEST_ERROR', description: 'Authentication failed' } });
      if (request.method === 'POST' && request.url === '/v1/orders') {
        const id = `order_Fake${String(++orders).padStart(10, '0')}`;
        return answer(200, {
          id,
          entity: 'order',
          amount: body!.amount,
          amount_paid: 0,
          amount_due: body!.amount,
          currency: body!.currency,
          receipt: body!.receipt,
          status: 'created',
          attempts: 0,
          notes: body!.notes,
          created_at: 1_800_000_000,
        });
      }
      const payment = /^\/v1\/payments\/([^/]+)$/.exec(request.url!);
      if (request.method === 'GET' && payment && payments.has(payment[1]!)) return answer(200, payments.get(payment[1]!));
      answer(404, { error: { code: 'BAD_REQUEST_ERROR', description: 'The id provided does not exist' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    payments,
    refuseEverything: () => (refuse = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const checkoutSignature = (orderId: string, paymentId: string) =>
  createHmac('sha256', KEY_SECRET).update(`${orderId}|${paymentId}`).digest('hex');

describe('checkout through Razorpay (a local fake of its Orders API)', async () => {
  const fake = await fakeRazorpay();
  const { catalog, server } = await checkoutServer({
    payments: {
      provider: 'razorpay',
      holdMinutes: 15,
      webhookSecret: WEBHOOK_SECRET,
      razorpay: { apiBaseUrl: fake.url, checkoutScriptUrl: `${fake.url}/v1/checkout.js`, keyId: KEY_ID, keySecret: KEY_SECRET },
    },
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });
  const course = addCourse(catalog, courseInput({ price: '1299.50', seats: '10' }));
  let student = 0;

  async function checkout() {
    const client = new FormClient(server.url);
    const email = `learner${++student}@example.in`;
    const answer = await client.request('POST', '/api/checkout', {
      body: JSON.stringify({ courseId: course.id, email, name: 'Learner' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status, answer.text).toBe(201);
    const created = JSON.parse(answer.text) as { orderId: string; amount: number; provider: string; redirectUrl: string };
    const providerOrderId = (
      catalog.db.prepare('SELECT provider_order_id AS id FROM checkout_orders WHERE id = ?').get(created.orderId) as { id: string }
    ).id;
    return { client, email, providerOrderId, ...created };
  }

  it('opens the order with POST /v1/orders: the amount in paise, INR, our order as the receipt, notes, the key as Basic auth', async () => {
    const started = await checkout();
    expect(started).toMatchObject({ amount: 129950, provider: 'razorpay', redirectUrl: `/pay/razorpay/${started.orderId}` });
    const opened = fake.requests.filter((r) => r.path === '/v1/orders');
    expect(opened.at(-1)).toMatchObject({
      method: 'POST',
      authorization: `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`,
      body: {
        amount: 129950,
        currency: 'INR',
        receipt: started.orderId,
        notes: { orderId: started.orderId, courseId: course.id, email: started.email },
      },
    });
    expect(started.providerOrderId).toMatch(/^order_Fake\d{10}$/);
  });

  it("the payment page loads Razorpay Checkout, and only that page's policy lets Razorpay in", async () => {
    const started = await checkout();
    const page = await started.client.get(started.redirectUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<script src="${fake.url}/v1/checkout.js" defer></script>`);
    expect(page.text).toContain(`data-order="${started.providerOrderId}"`);
    expect(page.text).toContain(`data-key="${KEY_ID}"`);
    expect(page.text).not.toContain(KEY_SECRET);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain(`script-src 'self' ${fake.url}`);
    expect(policy).toContain('frame-src');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    const elsewhere = await started.client.get('/');
    expect(elsewhere.headers.get('content-security-policy')).not.toContain(fake.url);
  });

  it('a correct return signature and a captured payment register the student; the webhook after it changes nothing', async () => {
    const started = await checkout();
    const paymentId = 'pay_FakeCaptured001';
    fake.payments.set(paymentId, {
      id: paymentId,
      entity: 'payment',
      amount: 129950,
      currency: 'INR',
      status: 'captured',
      order_id: started.providerOrderId,
      email: started.email,
      created_at: Math.floor(catalog.time.now() / 1000),
    });
    const back = await started.client.submit(started.redirectUrl, `/pay/razorpay/${started.orderId}/return`, {
      razorpay_payment_id: paymentId,
      razorpay_order_id: started.providerOrderId,
      razorpay_signature: checkoutSignature(started.providerOrderId, paymentId),
    });
    expect(back).toMatchObject({ status: 303, location: `/orders/${started.orderId}` });
    expect(listRegistrations(catalog, { student: started.email })).toEqual([
      expect.objectContaining({ paymentRef: paymentId, amountPaise: 129950 }),
    ]);
    expect((await started.client.get(`/orders/${started.orderId}`)).text).toMatch(/id="access-code">acc_/);

    const event = JSON.stringify({
      entity: 'event',
      event: 'payment.captured',
      payload: { payment: { entity: fake.payments.get(paymentId) } },
    });
    const hook = await fetch(`${server.url}/webhooks/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': createHmac('sha256', WEBHOOK_SECRET).update(event).digest('hex'),
      },
      body: event,
    });
    expect(hook.status).toBe(200);
    expect(listRegistrations(catalog, { student: started.email })).toHaveLength(1);
  });

  it('a wrong return signature is refused before Razorpay is asked, and writes nothing', async () => {
    const started = await checkout();
    const lookups = () => fake.requests.filter((r) => r.path.startsWith('/v1/payments/')).length;
    const before = lookups();
    for (const signature of [
      checkoutSignature(started.providerOrderId, 'pay_Other'),
      checkoutSignature('order_Other', 'pay_X'),
      'not-hex',
      '',
    ]) {
      const back = await started.client.submit(started.redirectUrl, `/pay/razorpay/${started.orderId}/return`, {
        razorpay_payment_id: 'pay_X',
        razorpay_order_id: started.providerOrderId,
        razorpay_signature: signature,
      });
      expect(back.status).toBe(400);
    }
    expect(lookups()).toBe(before);
    expect(listRegistrations(catalog, { student: started.email })).toEqual([]);
  });

  it('a payment authorized but not captured yet waits for the webhook', async () => {
    const started = await checkout();
    const paymentId = 'pay_FakeAuthorized01';
    const payment = {
      id: paymentId,
      entity: 'payment',
      amount: 129950,
      currency: 'INR',
      status: 'authorized',
      order_id: started.providerOrderId,
      email: started.email,
      created_at: Math.floor(catalog.time.now() / 1000),
    };
    fake.payments.set(paymentId, payment);
    await started.client.submit(started.redirectUrl, `/pay/razorpay/${started.orderId}/return`, {
      razorpay_payment_id: paymentId,
      razorpay_order_id: started.providerOrderId,
      razorpay_signature: checkoutSignature(started.providerOrderId, paymentId),
    });
    expect((await started.client.get(`/orders/${started.orderId}`)).text).toContain('Waiting for your payment');
    const event = JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { ...payment, status: 'captured' } } } });
    await fetch(`${server.url}/webhooks/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': createHmac('sha256', WEBHOOK_SECRET).update(event).digest('hex'),
      },
      body: event,
    });
    expect((await started.client.get(`/orders/${started.orderId}`)).text).toMatch(/id="access-code">acc_/);
  });

  it('Razorpay refusing the order is a 503 that names no secret; the order is closed', async () => {
    fake.refuseEverything();
    const answer = await fetch(`${server.url}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ courseId: course.id, email: 'late@example.in' }),
    });
    expect(answer.status).toBe(503);
    const text = await answer.text();
    expect(text).not.toContain(KEY_SECRET);
    expect(text).not.toContain(KEY_ID);
    expect(catalog.db.prepare(`SELECT status FROM checkout_orders WHERE email = 'late@example.in'`).get()).toEqual({ status: 'failed' });
  });
});
