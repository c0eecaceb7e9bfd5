import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAccess } from '../../src/services/access/resolveAccess.js';
import { listRefundsDue } from '../../src/services/checkout/refundsDue.js';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { enrolFree } from '../../src/services/enrolFree.js';
import { startSale } from '../../src/services/coursePricing.js';
import { listRegistrations } from '../../src/services/listRegistrations.js';
import { catalogJson, REPO_ROOT } from '../support/cliRunner.js';
import { courseInput } from '../support/courseFactory.js';
import { postForJson } from '../support/jsonPost.js';
import { expectOpenApiSchema } from '../support/openApiSchema.js';
import { checkoutServer, WEBHOOK_SECRET } from '../web/checkoutServer.js';
import { FormClient } from '../web/formClient.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'webhooks');

interface PaymentFields {
  id: string;
  orderId: string;
  amount: number;
  createdAt: number;
}

/** A fixture with this payment's fields filled in, as the exact bytes that get signed. */
function eventBody(fixture: 'payment.captured' | 'payment.failed', payment: PaymentFields): string {
  const event = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${fixture}.json`), 'utf8'));
  Object.assign(event.payload.payment.entity, {
    id: payment.id,
    order_id: payment.orderId,
    amount: payment.amount,
    created_at: Math.floor(payment.createdAt / 1000),
  });
  return JSON.stringify(event, null, 2);
}

/** Razorpay's signature, computed here independently of the code under test. */
const sign = (body: string, secret = WEBHOOK_SECRET) => createHmac('sha256', secret).update(body).digest('hex');

describe('POST /webhooks/payments (signed Razorpay events, real server and SQLite file)', async () => {
  const { catalog, server } = await checkoutServer();
  const { url } = server;
  afterAll(() => server.close());

  const deliver = async (body: string, headers: Record<string, string | undefined>) => {
    const response = await fetch(`${url}/webhooks/payments`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries({ 'content-type': 'application/json', ...headers }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string } } };
  };
  const count = (table: string) => (catalog.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const order = (id: string) => catalog.db.prepare(`SELECT * FROM checkout_orders WHERE id = ?`).get(id) as Record<string, unknown>;

  let email = 0;
  /** A checkout through the API, as a browser's script would: the client keeps the order's claim cookie. */
  async function checkout(courseId: string) {
    const client = new FormClient(url);
    const student = `student${++email}@example.in`;
    const answer = await client.request('POST', '/api/checkout', {
      body: JSON.stringify({ courseId, email: student, name: `Student ${email}` }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status, answer.text).toBe(201);
    const created = JSON.parse(answer.text) as { orderId: string; amount: number; currency: string; provider: string; redirectUrl: string };
    return { client, student, ...created };
  }

  let paymentCounter = 0;
  const paymentId = () => `pay_T${String(++paymentCounter).padStart(13, '0')}`;

  it('a valid payment.captured registers the student: payment id as reference, access code shown once to the buyer', async () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '5' }));
    const started = await checkout(course.id);
    expect(started).toMatchObject({ amount: 99900, currency: 'INR', provider: 'test', redirectUrl: `/pay/test/${started.orderId}` });
    const pay = paymentId();
    const body = eventBody('payment.captured', { id: pay, orderId: started.orderId, amount: 99900, createdAt: catalog.time.now() });
    const answer = await deliver(body, { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_valid_1' });
    expect(answer).toEqual({ status: 200, body: { status: 'registered', replay: false } });

    const [registration] = listRegistrations(catalog, { course: course.id });
    expect(registration).toMatchObject({ studentEmail: started.student, paymentRef: pay, amountPaise: 99900 });
    expect(catalog.courses.get(course.id).registrations).toBe(1);
    expect(order(started.orderId)).toMatchObject({ status: 'paid', payment_ref: pay, registration_id: registration!.id });

    // Someone else asking for the order page sees no code.
    const stranger = await new FormClient(url).get(`/orders/${started.orderId}`);
    expect(stranger.text).toContain('You are registered');
    expect(stranger.text).not.toMatch(/acc_[0-9a-z]{24}/);
    // The buyer sees it once; the code opens the course; the database never held it readably.
    const first = await started.client.get(`/orders/${started.orderId}`);
    const code = /id="access-code">(acc_[0-9a-z]{24})</.exec(first.text)?.[1];
    expect(code).toBeDefined();
    expect(resolveAccess(catalog, code!).enrolment.registrationId).toBe(registration!.id);
    const again = await started.client.get(`/orders/${started.orderId}`);
    expect(again.text).not.toContain(code);
    expect(again.text).toContain('was shown once');
    const dump = JSON.stringify(catalog.db.prepare('SELECT * FROM checkout_orders').all());
    expect(dump).not.toContain(code);
  });

  it('a payment for a student who started free meanwhile upgrades that enrolment: one registration, the same code, one seat', async () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '5', freeDays: '2' }));
    const started = await checkout(course.id);
    // While the buyer pays, the student is enrolled free (the CLI's `catalog enrol`).
    const free = await enrolFree(catalog, { courseId: course.id, student: started.student });
    expect(free.status).toBe('enrolled');
    const code = free.status === 'enrolled' ? free.accessCode : '';
    const pay = paymentId();
    const body = eventBody('payment.captured', { id: pay, orderId: started.orderId, amount: 99900, createdAt: catalog.time.now() });
    const answer = await deliver(body, { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_upgrade_1' });
    expect(answer).toEqual({ status: 200, body: { status: 'upgraded', replay: false } });

    const registrations = listRegistrations(catalog, { course: course.id });
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toMatchObject({ mode: 'paid', paymentRef: pay, amountPaise: 99900, upgradedAt: catalog.time.now() });
    expect(order(started.orderId)).toMatchObject({ status: 'paid', registration_id: registrations[0]!.id, sealed_code: null });
    expect(catalog.courses.get(course.id)).toMatchObject({ registrations: 1, freeEnrolments: 0, upgrades: 1 });
    // The code the student got when starting free now opens the whole course.
    expect(resolveAccess(catalog, code).enrolment).toMatchObject({ registrationId: registrations[0]!.id, mode: 'paid', freeStart: null });
  });

  it('a bad or missing signature is a 400 and writes nothing', async () => {
    const course = addCourse(catalog, courseInput({ price: '999' }));
    const started = await checkout(course.id);
    const body = eventBody('payment.captured', { id: paymentId(), orderId: started.orderId, amount: 99900, createdAt: catalog.time.now() });
    const before = { notices: count('payment_notices'), registrations: count('registrations'), payments: count('payments') };
    const tries = [
      await deliver(body, { 'x-razorpay-signature': sign(body, 'not the secret') }),
      await deliver(body, {}),
      await deliver(body, { 'x-razorpay-signature': 'zz' }),
      // Signed, then changed: the signature covers the raw bytes, whitespace included.
      await deliver(`${body} `, { 'x-razorpay-signature': sign(body) }),
      await deliver(body.replace('"amount": 99900', '"amount": 100'), { 'x-razorpay-signature': sign(body) }),
    ];
    for (const answer of tries) {
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('bad_signature');
    }
    expect({ notices: count('payment_notices'), registrations: count('registrations'), payments: count('payments') }).toEqual(before);
    expect(order(started.orderId)).toMatchObject({ status: 'open', payment_ref: null });
  });

  it('a replayed event is a 200 and one registration', async () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '5' }));
    const started = await checkout(course.id);
    const body = eventBody('payment.captured', { id: paymentId(), orderId: started.orderId, amount: 99900, createdAt: catalog.time.now() });
    const headers = { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_replayed_1' };
    const answers = [await deliver(body, headers), await deliver(body, headers)];
    // Delivered at once, twice more (providers retry in parallel too).
    answers.push(...(await Promise.all([deliver(body, headers), deliver(body, headers)])));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[0]!.body).toEqual({ status: 'registered', replay: false });
    for (const answer of answers.slice(1)) expect(answer.body.replay).toBe(true);
    // The same payment in a new event (another event id, or none) changes nothing either.
    expect((await deliver(body, { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_replayed_2' })).status).toBe(200);
    expect((await deliver(body, { 'x-razorpay-signature': sign(body) })).status).toBe(200);
    expect(listRegistrations(catalog, { course: course.id })).toHaveLength(1);
    expect(catalog.courses.get(course.id).registrations).toBe(1);
    expect(count('payments')).toBe(count('registrations'));
  });

  it('out of order: a failure reported after the capture changes nothing; a capture after a failure registers', async () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '5' }));
    const first = await checkout(course.id);
    const captured = eventBody('payment.captured', {
      id: paymentId(),
      orderId: first.orderId,
      amount: 99900,
      createdAt: catalog.time.now(),
    });
    const failed = eventBody('payment.failed', {
      id: paymentId(),
      orderId: first.orderId,
      amount: 99900,
      createdAt: catalog.time.now() - 60_000,
    });
    expect((await deliver(captured, { 'x-razorpay-signature': sign(captured) })).body.status).toBe('registered');
    expect((await deliver(failed, { 'x-razorpay-signature': sign(failed) })).body.status).toBe('failed');
    expect(order(first.orderId)).toMatchObject({ status: 'paid' });

    const second = await checkout(course.id);
    const declined = eventBody('payment.failed', {
      id: paymentId(),
      orderId: second.orderId,
      amount: 99900,
      createdAt: catalog.time.now(),
    });
    expect((await deliver(declined, { 'x-razorpay-signature': sign(declined) })).body.status).toBe('failed');
    expect(order(second.orderId)).toMatchObject({ status: 'failed' });
    const retried = eventBody('payment.captured', {
      id: paymentId(),
      orderId: second.orderId,
      amount: 99900,
      createdAt: catalog.time.now(),
    });
    expect((await deliver(retried, { 'x-razorpay-signature': sign(retried) })).body.status).toBe('registered');
    expect(order(second.orderId)).toMatchObject({ status: 'paid' });
    expect(listRegistrations(catalog, { course: course.id }).map((r) => r.studentEmail)).toEqual([first.student, second.student]);
  });

  it('a payment captured for a course that sold out meanwhile is a refund due, never an extra seat', async () => {
    const course = addCourse(catalog, courseInput({ price: '1499', seats: '1' }));
    // Both open a checkout while one seat is left; both pay.
    const winner = await checkout(course.id);
    const late = await checkout(course.id);
    const paid = (o: { orderId: string }, id: string) =>
      eventBody('payment.captured', { id, orderId: o.orderId, amount: 149900, createdAt: catalog.time.now() });
    const winnerBody = paid(winner, paymentId());
    const latePayment = paymentId();
    const lateBody = paid(late, latePayment);
    expect((await deliver(winnerBody, { 'x-razorpay-signature': sign(winnerBody) })).body.status).toBe('registered');
    expect(await deliver(lateBody, { 'x-razorpay-signature': sign(lateBody) })).toEqual({
      status: 200,
      body: { status: 'refund-due', replay: false },
    });
    expect(catalog.courses.get(course.id).registrations).toBe(1);
    expect(listRegistrations(catalog, { course: course.id })).toHaveLength(1);
    expect(order(late.orderId)).toMatchObject({ status: 'refund_due', payment_ref: latePayment });

    const due = listRefundsDue(catalog, { course: course.id });
    expect(due).toEqual([
      expect.objectContaining({ orderId: late.orderId, student: late.student, amount: 1499, paymentRef: latePayment, provider: 'test' }),
    ]);
    expect(due[0]!.reason).toMatch(/sold out/);
    // The admin's list, from the CLI on the same database file.
    const listed = catalogJson<{ orderId: string; reason: string }[]>(
      ['registrations', 'list', '--refunds-due', '--json', '--db', catalog.config.databasePath],
      { cwd: catalog.dir },
    );
    expect(listed.map((r) => r.orderId)).toContain(late.orderId);
    // The student's own page for the order says so.
    const page = await late.client.get(`/orders/${late.orderId}`);
    expect(page.text).toContain('Your payment will be refunded');
    expect(page.text).toMatch(/sold out/);
    // Made and recorded, it leaves the list.
    catalogJson(['registrations', 'refunded', late.orderId, '--refund-ref', 'rfnd_T1', '--json', '--db', catalog.config.databasePath], {
      cwd: catalog.dir,
    });
    expect(listRefundsDue(catalog, { course: course.id })).toEqual([]);
  });

  it('an amount different from the order is refused, recorded, and owed back', async () => {
    const course = addCourse(catalog, courseInput({ price: '999', seats: '5' }));
    const started = await checkout(course.id);
    const body = eventBody('payment.captured', { id: paymentId(), orderId: started.orderId, amount: 100, createdAt: catalog.time.now() });
    expect(await deliver(body, { 'x-razorpay-signature': sign(body) })).toEqual({
      status: 200,
      body: { status: 'refused', replay: false },
    });
    expect(listRegistrations(catalog, { course: course.id })).toEqual([]);
    expect(order(started.orderId)).toMatchObject({ status: 'refund_due' });
    expect(String(order(started.orderId).problem)).toContain("differs from the order's \u20B9999");
    const notice = catalog.db.prepare(`SELECT outcome, amount_paise FROM payment_notices WHERE provider_order_id = ?`).get(started.orderId);
    expect(notice).toEqual({ outcome: 'refused', amount_paise: 100 });
  });

  it('the held price: a sale ending mid-checkout does not change what the student pays; after the hold, the price now applies', async () => {
    const course = addCourse(catalog, courseInput({ price: '1200', seats: '5' }));
    const saleEnds = catalog.time.now() + 5 * 60_000;
    const isoSeconds = (instant: number) => `${new Date(instant).toISOString().slice(0, 19)}Z`;
    startSale(catalog, course.id, { price: '800', until: isoSeconds(saleEnds) });
    const held = await checkout(course.id);
    expect(held.amount).toBe(80000);
    catalog.time.set(saleEnds + 60_000); // the sale is over, the 15-minute hold is not
    const body = eventBody('payment.captured', { id: paymentId(), orderId: held.orderId, amount: 80000, createdAt: catalog.time.now() });
    expect((await deliver(body, { 'x-razorpay-signature': sign(body) })).body.status).toBe('registered');

    const expired = await checkout(course.id);
    expect(expired.amount).toBe(120000);
    startSale(catalog, course.id, { price: '900', until: isoSeconds(catalog.time.now() + 3_600_000) });
    catalog.time.set(catalog.time.now() + 16 * 60_000);
    expect((await expired.client.get(`/pay/test/${expired.orderId}`)).status).toBe(409);
    const late = eventBody('payment.captured', {
      id: paymentId(),
      orderId: expired.orderId,
      amount: 120000,
      createdAt: catalog.time.now(),
    });
    expect((await deliver(late, { 'x-razorpay-signature': sign(late) })).body.status).toBe('refund-due');
    expect(String(order(expired.orderId).problem)).toMatch(/does not match the price/);
  });

  it('events about something else, and payments for orders this site did not open, are acknowledged and change nothing', async () => {
    const other = JSON.stringify({ entity: 'event', event: 'order.paid', payload: { order: { entity: { id: 'order_X' } } } });
    expect(await deliver(other, { 'x-razorpay-signature': sign(other) })).toEqual({
      status: 200,
      body: { status: 'ignored', replay: false },
    });
    const before = count('registrations');
    const stray = eventBody('payment.captured', {
      id: paymentId(),
      orderId: 'order_NotOurs',
      amount: 99900,
      createdAt: catalog.time.now(),
    });
    expect((await deliver(stray, { 'x-razorpay-signature': sign(stray) })).body.status).toBe('ignored');
    expect(count('registrations')).toBe(before);
    const malformed = JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { id: 'pay_X', amount: 'lots' } } } });
    expect((await deliver(malformed, { 'x-razorpay-signature': sign(malformed) })).status).toBe(400);
  });
});

describe('the test provider pays through the same webhook', async () => {
  const { catalog, server } = await checkoutServer();
  afterAll(() => server.close());
  let courseId = '';
  beforeAll(() => {
    courseId = addCourse(catalog, courseInput({ price: '499', seats: '3' })).id;
  });

  it('Pay sends a signed payment.captured through /webhooks/payments; Decline a payment.failed', async () => {
    const buyer = new FormClient(server.url);
    const started = await buyer.submit(`/courses/${courseId}/register`, `/courses/${courseId}/register`, {
      email: 'ravi@example.in',
      name: 'Ravi',
    });
    expect(started.status).toBe(303);
    const payPage = started.location!;
    const orderId = payPage.split('/').pop()!;
    const page = await buyer.get(payPage);
    expect(page.text).toContain('TEST MODE');
    const paid = await buyer.submit(payPage, payPage, { outcome: 'pay' });
    expect(paid).toMatchObject({ status: 303, location: `/orders/${orderId}` });
    const notice = catalog.db
      .prepare(`SELECT event, outcome, payment_ref FROM payment_notices WHERE provider_order_id = ?`)
      .get(orderId) as {
      payment_ref: string;
    };
    expect(notice).toMatchObject({ event: 'payment.captured', outcome: 'registered' });
    expect(listRegistrations(catalog, { course: courseId })[0]!.paymentRef).toBe(notice.payment_ref);
    // Paid: the payment page sends the browser on to its order.
    expect((await buyer.get(payPage)).location).toBe(`/orders/${orderId}`);

    const decliner = new FormClient(server.url);
    const declined = await decliner.submit(`/courses/${courseId}/register`, `/courses/${courseId}/register`, { email: 'meera@example.in' });
    const declinedPage = declined.location!;
    await decliner.submit(declinedPage, declinedPage, { outcome: 'decline' });
    const result = await decliner.get(`/orders/${declinedPage.split('/').pop()}`);
    expect(result.text).toContain('The payment did not go through');
    expect(listRegistrations(catalog, { course: courseId })).toHaveLength(1);
  });
});

describe('POST /api/checkout answers in the API shapes', async () => {
  const { catalog, server } = await checkoutServer();
  afterAll(() => server.close());
  const expectSchema = expectOpenApiSchema();
  const post = (body: unknown, contentType?: string) => postForJson(`${server.url}/api/checkout`, body, contentType);

  it('201 with the order; the order reads back; 400 naming the field, 404, 409 and 415 otherwise, nothing written', async () => {
    const course = addCourse(catalog, courseInput({ price: '2499', seats: '1' }));
    const created = await post({ courseId: course.id, email: 'neha@example.in', name: 'Neha' });
    expect(created.status).toBe(201);
    expectSchema('Checkout', created.body);
    expect(created.body).toMatchObject({ amount: 249900, currency: 'INR', provider: 'test' });
    const order = await fetch(`${server.url}/api/orders/${created.body.orderId}`);
    const read = await order.json();
    expectSchema('Order', read);
    expect(read).toMatchObject({ orderId: created.body.orderId, status: 'open', courseId: course.id });

    const orders = () => (catalog.db.prepare('SELECT count(*) AS n FROM checkout_orders').get() as { n: number }).n;
    const before = orders();
    const bad = await post({ courseId: course.id, email: 'not an email' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', message: 'email: "not an email" is not an email address' } },
    });
    expectSchema('Error', bad.body);
    expect((await post({ email: 'a@example.in' })).body).toMatchObject({ error: { message: 'courseId: is missing' } });
    expect((await post({ courseId: 'crs_nosuchthing', email: 'a@example.in' })).status).toBe(404);
    expect((await post(`courseId=${course.id}&email=a@example.in`, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect(orders()).toBe(before);

    // Sold out: refused before any order is opened.
    const sign = (body: string) => createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
    const body = eventBody('payment.captured', {
      id: 'pay_Api1',
      orderId: String(created.body.orderId),
      amount: 249900,
      createdAt: catalog.time.now(),
    });
    await fetch(`${server.url}/webhooks/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': sign(body) },
      body,
    });
    const soldOut = await post({ courseId: course.id, email: 'late@example.in' });
    expect(soldOut).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(String((soldOut.body.error as { message: string }).message)).toContain('sold out');
    const again = await post({ courseId: course.id, email: 'neha@example.in' });
    expect(again.status).toBe(409);
    expect(orders()).toBe(before);
  });
});
