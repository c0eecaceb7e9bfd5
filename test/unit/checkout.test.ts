import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldPriceAt, isOrderIdShaped, payRefusal } from '../../src/domain/checkout/checkoutOrder.js';
import { newOrderId } from '../../src/security/orderIds.js';
import { paymentEventBody, readPaymentNotice } from '../../src/domain/checkout/paymentNotice.js';
import {
  isPaymentSignatureValid,
  isWebhookSignatureValid,
  paymentSignature,
  webhookSignature,
} from '../../src/security/paymentSignatures.js';
import { newClaimKeys, openSealedCode, sealAccessCode } from '../../src/security/sealedAccessCode.js';
import { newAccessCode } from '../../src/security/accessCodes.js';
import { REPO_ROOT } from '../support/cliRunner.js';

/** Razorpay's two signatures, computed here the way its documentation describes, independently of the code under test. */
const hmacHex = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');

describe('payment signatures', () => {
  const secret = 'whsec_5g7Hk2Lm9Qp4Rs8Tv1Wx3Yz6';
  const body = fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'webhooks', 'payment.captured.json'), 'utf8');

  it("a webhook's signature is the hex HMAC-SHA256 of the raw body with the webhook secret", () => {
    const vector = hmacHex(secret, body);
    expect(webhookSignature(body, secret)).toBe(vector);
    expect(webhookSignature(Buffer.from(body), secret)).toBe(vector);
    expect(isWebhookSignatureValid(body, vector, secret)).toBe(true);
    expect(isWebhookSignatureValid(body, vector.toUpperCase(), secret)).toBe(true);
    expect(isWebhookSignatureValid(body, ` ${vector}\n`, secret)).toBe(true);
  });

  it('refuses any other signature, a changed body, and anything that is not 64 hex digits', () => {
    const vector = hmacHex(secret, body);
    expect(isWebhookSignatureValid(body, hmacHex('another secret', body), secret)).toBe(false);
    expect(isWebhookSignatureValid(`${body}\n`, vector, secret)).toBe(false);
    expect(isWebhookSignatureValid(body.replace('99900', '99901'), vector, secret)).toBe(false);
    for (const bad of [undefined, '', 'zz', vector.slice(0, 63), `${vector}00`, `${vector.slice(0, 63)}g`])
      expect(isWebhookSignatureValid(body, bad, secret)).toBe(false);
  });

  it('the payment signature Checkout returns is the hex HMAC-SHA256 of "order_id|payment_id" with the key secret', () => {
    const keySecret = 'EnLs21M47BllR3X8PSFtjtbd';
    const vectors = [
      ['order_IluGWxBm9U8zJ8', 'pay_IH4NVgf4Dreq1l'],
      ['order_DESlLckIVRkHWj', 'pay_DESlfW9H8K9uqM'],
    ] as const;
    for (const [orderId, paymentId] of vectors) {
      const vector = hmacHex(keySecret, `${orderId}|${paymentId}`);
      expect(paymentSignature(orderId, paymentId, keySecret)).toBe(vector);
      expect(isPaymentSignatureValid(orderId, paymentId, vector, keySecret)).toBe(true);
      // Another order, another payment, another secret, the parts swapped: all refused.
      expect(isPaymentSignatureValid('order_Other', paymentId, vector, keySecret)).toBe(false);
      expect(isPaymentSignatureValid(orderId, 'pay_Other', vector, keySecret)).toBe(false);
      expect(isPaymentSignatureValid(orderId, paymentId, vector, 'another secret')).toBe(false);
      expect(isPaymentSignatureValid(paymentId, orderId, vector, keySecret)).toBe(false);
    }
  });
});

describe('reading payment notices', () => {
  const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'fixtures', 'webhooks', `${name}.json`), 'utf8'));

  it("reads Razorpay's payment.captured event: payment id, order, amount in paise, currency, when", () => {
    expect(readPaymentNotice(fixture('payment.captured'))).toEqual({
      kind: 'payment',
      notice: {
        event: 'payment.captured',
        paymentRef: 'pay_DESlfW9H8K9uqM',
        providerOrderId: 'order_DESlLckIVRkHWj',
        amountPaise: 99900,
        currency: 'INR',
        email: 'asha@example.in',
        paidAt: 1567674599_000,
      },
    });
    expect(readPaymentNotice(fixture('payment.failed'))).toMatchObject({ kind: 'payment', notice: { event: 'payment.failed' } });
  });

  it('reads back what the test provider sends', () => {
    const body = paymentEventBody('payment.captured', {
      id: 'pay_test_1',
      orderId: 'ord_x',
      amountPaise: 59950,
      email: 'a@example.in',
      paidAt: Date.parse('2027-01-01T10:00:00Z'),
    });
    expect(readPaymentNotice(JSON.parse(body))).toMatchObject({
      kind: 'payment',
      notice: { paymentRef: 'pay_test_1', providerOrderId: 'ord_x', amountPaise: 59950, paidAt: Date.parse('2027-01-01T10:00:00Z') },
    });
  });

  it('events about other things are "other"; payment events without a usable payment are malformed', () => {
    expect(readPaymentNotice({ event: 'order.paid', payload: {} })).toEqual({ kind: 'other', event: 'order.paid' });
    const captured = fixture('payment.captured');
    const broken = (change: (entity: Record<string, unknown>) => void) => {
      const copy = structuredClone(captured);
      change(copy.payload.payment.entity);
      return readPaymentNotice(copy).kind;
    };
    expect(broken((e) => (e.amount = '999'))).toBe('malformed');
    expect(broken((e) => (e.amount = 999.5))).toBe('malformed');
    expect(broken((e) => (e.amount = -1))).toBe('malformed');
    expect(broken((e) => delete e.id)).toBe('malformed');
    expect(broken((e) => (e.id = 'pay with spaces'))).toBe('malformed');
    expect(broken((e) => delete e.currency)).toBe('malformed');
    expect(broken((e) => (e.order_id = 42))).toBe('malformed');
    for (const body of [
      null,
      [],
      'text',
      {},
      { event: '' },
      { event: 'payment.captured' },
      { event: 'payment.captured', payload: { payment: {} } },
    ])
      expect(readPaymentNotice(body).kind).toBe('malformed');
  });
});

describe('checkout orders', () => {
  it('order ids are random, 100 bits, and recognisable', () => {
    const ids = new Set(Array.from({ length: 1000 }, newOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(isOrderIdShaped(id)).toBe(true);
    expect(isOrderIdShaped('ord_short')).toBe(false);
    expect(isOrderIdShaped('../../etc/passwd')).toBe(false);
  });

  it('the held price applies to payments made before the hold ends, not at or after it', () => {
    const order = { amountPaise: 80000, heldUntil: 1_000_000 };
    expect(heldPriceAt(order, 999_999)).toBe(80000);
    expect(heldPriceAt(order, 1_000_000)).toBeUndefined();
    expect(heldPriceAt(order, 2_000_000)).toBeUndefined();
  });

  it('an order is payable while open and held', () => {
    expect(payRefusal({ status: 'open', heldUntil: 10 }, 9)).toBeNull();
    expect(payRefusal({ status: 'open', heldUntil: 10 }, 10)).toBe('expired');
    for (const status of ['paid', 'failed', 'refund_due', 'refunded'] as const)
      expect(payRefusal({ status, heldUntil: 10 }, 0)).toBe('settled');
  });
});

describe('the access code sealed for the buyer', () => {
  it('opens with the buyer key only, and not once changed', () => {
    const code = newAccessCode();
    const buyer = newClaimKeys();
    const sealed = sealAccessCode(code, buyer.publicKey);
    expect(sealed).not.toContain(code);
    expect(openSealedCode(sealed, buyer.privateKey, buyer.publicKey)).toBe(code);
    // Sealed twice, it reads differently (an ephemeral key and a nonce each time).
    expect(sealAccessCode(code, buyer.publicKey)).not.toBe(sealed);
    const other = newClaimKeys();
    expect(openSealedCode(sealed, other.privateKey, other.publicKey)).toBeUndefined();
    expect(openSealedCode(sealed, other.privateKey, buyer.publicKey)).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(openSealedCode(bytes.toString('base64url'), buyer.privateKey, buyer.publicKey)).toBeUndefined();
    expect(openSealedCode('short', buyer.privateKey, buyer.publicKey)).toBeUndefined();
  });
});
