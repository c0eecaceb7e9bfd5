import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnvironment, loadConfig } from '../../src/config/load.js';
import { redactConfig } from '../../src/config/schema.js';
import { paymentProviderFor } from '../../src/services/checkout/paymentProvider.js';
import { tempDirectory } from '../support/tempDirectory.js';

describe('payments configuration', () => {
  it('defaults to the test provider and a 15-minute hold', async () => {
    const config = await loadConfig({}, {}, tempDirectory());
    expect(config.payments).toMatchObject({ provider: 'test', holdMinutes: 15, razorpay: { apiBaseUrl: 'https://api.razorpay.com' } });
    expect(paymentProviderFor(config).name).toBe('test');
  });

  it('reads the provider, the hold and the secrets from the environment', () => {
    expect(
      configFromEnvironment({
        CATALOG_PAYMENTS_PROVIDER: 'razorpay',
        CATALOG_PAYMENTS_HOLD_MINUTES: '30',
        CATALOG_RAZORPAY_KEY_ID: 'rzp_test_abc',
        CATALOG_RAZORPAY_KEY_SECRET: 'key-secret',
        CATALOG_PAYMENTS_WEBHOOK_SECRET: 'hook-secret',
        CATALOG_RAZORPAY_API_BASE_URL: 'http://127.0.0.1:9999',
      }),
    ).toEqual({
      payments: {
        provider: 'razorpay',
        holdMinutes: 30,
        webhookSecret: 'hook-secret',
        razorpay: { keyId: 'rzp_test_abc', keySecret: 'key-secret', apiBaseUrl: 'http://127.0.0.1:9999' },
      },
    });
  });

  it('refuses payment secrets in a configuration file, naming the variable to use instead', async () => {
    const cwd = tempDirectory();
    fs.writeFileSync(path.join(cwd, '.catalogrc'), 'payments:\n  provider: razorpay\n  razorpay:\n    keySecret: oops\n');
    const failure = await loadConfig({}, {}, cwd).catch((error: Error & { hint?: string }) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('payments.razorpay.keySecret');
    expect((failure as Error & { hint?: string }).hint).toContain('CATALOG_RAZORPAY_KEY_SECRET');
    expect((failure as Error).message).not.toContain('oops');
  });

  it('masks every payment secret wherever the configuration is shown', async () => {
    const config = await loadConfig(
      {},
      {
        CATALOG_RAZORPAY_KEY_ID: 'rzp_live_abc',
        CATALOG_RAZORPAY_KEY_SECRET: 'key-secret',
        CATALOG_PAYMENTS_WEBHOOK_SECRET: 'hook-secret',
      },
      tempDirectory(),
    );
    const shown = JSON.stringify(redactConfig(config));
    for (const secret of ['rzp_live_abc', 'key-secret', 'hook-secret']) expect(shown).not.toContain(secret);
    expect(shown).toContain('"keySecret":"********"');
  });

  it('Razorpay without its secrets does not start, naming what is missing', async () => {
    const config = await loadConfig(
      {},
      { CATALOG_PAYMENTS_PROVIDER: 'razorpay', CATALOG_RAZORPAY_KEY_ID: 'rzp_test_abc' },
      tempDirectory(),
    );
    expect(() => paymentProviderFor(config)).toThrow(/CATALOG_RAZORPAY_KEY_SECRET, CATALOG_PAYMENTS_WEBHOOK_SECRET are not set/);
  });
});
