import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar.js';

/** A YAML section whose settings are all commented out reads as null: treat it as empty. */
const section = <T extends z.ZodType>(schema: T) => z.preprocess((value) => value ?? {}, schema);

/** Everything `catalog` can be told. Defaults need nothing: a SQLite file here, embedded search. */
export const configSchema = z
  .object({
    database: z.string().min(1).default('catalog.db'),
    timeZone: z
      .string()
      .default('Asia/Kolkata')
      .refine(isValidTimeZone, { error: 'timeZone is not an IANA time zone such as Asia/Kolkata' }),
    search: section(z
      .object({
        /** Unset: Elasticsearch when a node is configured, else the embedded index. */
        backend: z.enum(['sqlite', 'elasticsearch']).optional(),
      })
      .strict()),
    elasticsearch: section(z
      .object({
        node: z.url({ error: 'elasticsearch.node must be a URL such as http://127.0.0.1:9200' }).optional(),
        apiKey: z.string().min(1).optional(),
        username: z.string().min(1).optional(),
        password: z.string().min(1).optional(),
        caFile: z.string().min(1).optional(),
        /** Skips TLS verification; only for a throwaway local node. */
        insecure: z.boolean().default(false),
        requestTimeoutMs: z.number().int().positive().default(30_000),
        index: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'elasticsearch.index must be lowercase letters, digits, "-" or "_"' })
          .default('catalog-courses'),
      })
      .strict()),
    sync: section(z
      .object({
        concurrency: z.number().int().min(1).max(32).default(4),
        batchSize: z.number().int().min(1).max(10_000).default(1000),
        batchBytes: z.number().int().min(1024).default(5 * 1024 * 1024),
      })
      .strict()),
  })
  .strict();

export type CatalogConfig = z.infer<typeof configSchema> & {
  /** Where the configuration came from, for `doctor` and error messages. */
  source: string | null;
  /** Absolute path of the database file. */
  databasePath: string;
};

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
  };
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
