import * as v from 'valibot';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../domain/calendar.js';

/** A YAML section whose settings are all commented out reads as null: treat it as empty. */
const section = <T extends v.GenericSchema>(schema: T) =>
  v.optional(
    v.pipe(
      v.unknown(),
      v.transform((value) => value ?? {}),
      schema,
    ),
    {},
  );

const wholeNumber = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.number(`${name} must be a number`),
    v.integer(`${name} must be a whole number`),
    v.minValue(min, `${name} must be at least ${min}`),
    v.maxValue(max, `${name} must be at most ${max}`),
  );

const nonEmpty = (name: string) => v.pipe(v.string(`${name} must be text`), v.minLength(1, `${name} is empty`));

/**
 * Everything `catalog` can be told. Defaults need nothing: a SQLite file here, embedded search.
 * Validated with valibot rather than zod: it loads much faster (bench/results/decisions.md), and
 * every command reads the configuration before doing anything.
 */
export const configSchema = v.strictObject({
  database: v.optional(nonEmpty('database'), 'catalog.db'),
  timeZone: v.optional(
    v.pipe(v.string(), v.check(isValidTimeZone, 'timeZone is not an IANA time zone such as Asia/Kolkata')),
    DEFAULT_TIME_ZONE,
  ),
  search: section(
    v.strictObject({
      /** Unset: Elasticsearch when a node is configured, else the embedded index. */
      backend: v.optional(v.picklist(['sqlite', 'elasticsearch'], 'search.backend must be sqlite or elasticsearch')),
    }),
  ),
  elasticsearch: section(
    v.strictObject({
      node: v.optional(v.pipe(v.string(), v.url('elasticsearch.node must be a URL such as http://127.0.0.1:9200'))),
      apiKey: v.optional(nonEmpty('elasticsearch.apiKey')),
      username: v.optional(nonEmpty('elasticsearch.username')),
      password: v.optional(nonEmpty('elasticsearch.password')),
      caFile: v.optional(nonEmpty('elasticsearch.caFile')),
      /** Skips TLS verification; only for a throwaway local node. */
      insecure: v.optional(v.boolean('elasticsearch.insecure must be true or false'), false),
      requestTimeoutMs: v.optional(wholeNumber('elasticsearch.requestTimeoutMs', 1), 30_000),
      index: v.optional(
        v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/, 'elasticsearch.index must be lowercase letters, digits, "-" or "_"')),
        'catalog-courses',
      ),
    }),
  ),
  access: section(
    v.strictObject({
      /** A student keeps access to a course's materials this many days after its end date. */
      afterEndDays: v.optional(wholeNumber('access.afterEndDays', 0, 3650), 90),
    }),
  ),
  materials: section(
    v.strictObject({
      /** Where uploaded files are kept (relative to the database file); default: "materials" beside it. */
      dir: v.optional(nonEmpty('materials.dir')),
      /** The largest file a material may be. */
      maxBytes: v.optional(wholeNumber('materials.maxBytes', 1), 500 * 1024 * 1024),
    }),
  ),
  sync: section(
    v.strictObject({
      concurrency: v.optional(wholeNumber('sync.concurrency', 1, 32), 4),
      batchSize: v.optional(wholeNumber('sync.batchSize', 1, 10_000), 1000),
      batchBytes: v.optional(wholeNumber('sync.batchBytes', 1024), 5 * 1024 * 1024),
      /**
       * One worker drains the outbox at a time; it renews its claim every third of this, and a
       * worker that stopped renewing (frozen, or dead on another host) is replaced after it.
       */
      leaseSeconds: v.optional(wholeNumber('sync.leaseSeconds', 2, 3600), 30),
    }),
  ),
  payments: section(
    v.strictObject({
      /** test: the built-in payment page (no money moves); razorpay: Razorpay's Orders API and Checkout. */
      provider: v.optional(v.picklist(['test', 'razorpay'], 'payments.provider must be test or razorpay'), 'test'),
      /** How long a checkout order holds the price it was made at (a sale ending meanwhile does not change it). */
      holdMinutes: v.optional(wholeNumber('payments.holdMinutes', 1, 24 * 60), 15),
      /** Signs and verifies webhooks; from CATALOG_PAYMENTS_WEBHOOK_SECRET only (see secretsInFile). */
      webhookSecret: v.optional(nonEmpty('payments.webhookSecret')),
      razorpay: section(
        v.strictObject({
          /** Razorpay's API; tests point it at a local fake of the Orders API. */
          apiBaseUrl: v.optional(
            v.pipe(v.string(), v.url('payments.razorpay.apiBaseUrl must be a URL such as https://api.razorpay.com')),
            'https://api.razorpay.com',
          ),
          /** Razorpay Checkout's script, loaded by the payment page (production: Razorpay's own address). */
          checkoutScriptUrl: v.optional(
            v.pipe(v.string(), v.url('payments.razorpay.checkoutScriptUrl must be a URL')),
            'https://checkout.razorpay.com/v1/checkout.js',
          ),
          /** From CATALOG_RAZORPAY_KEY_ID and CATALOG_RAZORPAY_KEY_SECRET only. */
          keyId: v.optional(nonEmpty('payments.razorpay.keyId')),
          keySecret: v.optional(nonEmpty('payments.razorpay.keySecret')),
        }),
      ),
    }),
  ),
  outbox: section(
    v.strictObject({
      /**
       * How long recorded changes are kept once nothing needs them any more (sent to
       * Elasticsearch, or no Elasticsearch at all): live pages resume from them after a reconnect.
       */
      retentionMinutes: v.optional(wholeNumber('outbox.retentionMinutes', 1, 7 * 24 * 60), 60),
    }),
  ),
});

export type CatalogConfig = v.InferOutput<typeof configSchema> & {
  /** Where the configuration came from, for `doctor` and error messages. */
  source: string | null;
  /** Absolute path of the database file. */
  databasePath: string;
};

/** One setting that did not validate: where it is (a dot path such as "sync.concurrency") and why. */
export interface ConfigIssue {
  path: string | undefined;
  message: string;
}

/** Validates raw settings; returns the settings with defaults, or each problem (also as one line each). */
export function parseConfig(
  raw: unknown,
): { ok: true; config: v.InferOutput<typeof configSchema> } | { ok: false; issues: ConfigIssue[]; problems: string[] } {
  const result = v.safeParse(configSchema, raw);
  if (result.success) return { ok: true, config: result.output };
  const issues = result.issues.map((issue): ConfigIssue => {
    const path = v.getDotPath(issue) ?? undefined;
    // valibot names an unknown key in its path; say so plainly, since it is usually a typo.
    if (issue.type === 'strict_object') return { path, message: 'unknown setting (see .catalogrc.example for the names)' };
    return { path, message: issue.message };
  });
  return { ok: false, issues, problems: issues.map((issue) => `${issue.path ?? '(top level)'}: ${issue.message}`) };
}

/** The configuration with secrets masked, safe to print. */
export function redactConfig(config: CatalogConfig): Record<string, unknown> {
  const mask = (value: string | undefined) => (value === undefined ? undefined : '********');
  return {
    ...config,
    elasticsearch: {
      ...config.elasticsearch,
      apiKey: mask(config.elasticsearch.apiKey),
      password: mask(config.elasticsearch.password),
      node: config.elasticsearch.node && redactUrl(config.elasticsearch.node),
    },
    payments: {
      ...config.payments,
      webhookSecret: mask(config.payments.webhookSecret),
      razorpay: {
        ...config.payments.razorpay,
        keyId: mask(config.payments.razorpay.keyId),
        keySecret: mask(config.payments.razorpay.keySecret),
      },
    },
  };
}

/** Payment secrets and where each must come from: never a file, which gets copied, committed and shown. */
export const PAYMENT_SECRETS = [
  { path: ['payments', 'webhookSecret'], env: 'CATALOG_PAYMENTS_WEBHOOK_SECRET' },
  { path: ['payments', 'razorpay', 'keyId'], env: 'CATALOG_RAZORPAY_KEY_ID' },
  { path: ['payments', 'razorpay', 'keySecret'], env: 'CATALOG_RAZORPAY_KEY_SECRET' },
] as const;

/** The payment secrets a configuration file sets (they are refused there), as "payments.razorpay.keySecret". */
export function secretsInFile(file: Record<string, unknown>): { setting: string; env: string }[] {
  return PAYMENT_SECRETS.filter(({ path }) => {
    let value: unknown = file;
    for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value !== undefined && value !== null;
  }).map(({ path, env }) => ({ setting: path.join('.'), env }));
}

/** Strips credentials embedded in a URL (https://user:secret@host) before it is shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? '****' : '';
      parsed.password = parsed.password ? '****' : '';
    }
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}
